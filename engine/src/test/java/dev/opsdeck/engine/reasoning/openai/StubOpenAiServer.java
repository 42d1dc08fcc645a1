package dev.opsdeck.engine.reasoning.openai;

import java.util.concurrent.CountDownLatch;

/**
 * The stand-in OpenAI-compatible server on its own, to watch the real demo reason through the OpenAI adapter
 * without a model:
 * <pre>
 * mvn -q -pl engine test-compile exec:java -Dexec.mainClass=dev.opsdeck.engine.reasoning.openai.StubOpenAiServer \
 *     -Dexec.args="8766"
 * ./opsdeck demo --llm openai --llm-base-url http://127.0.0.1:8766/v1 --model stub
 * </pre>
 * Argument: port (default 8766). Runs until interrupted.
 */
public final class StubOpenAiServer {

    private StubOpenAiServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        StubOpenAi stub = StubOpenAi.start(args.length > 0 ? Integer.parseInt(args[0]) : 8766);
        Runtime.getRuntime().addShutdownHook(new Thread(stub::close));
        System.out.println("stub OpenAI-compatible server on " + stub.baseUrl() + "; Ctrl-C stops it");
        new CountDownLatch(1).await();
    }
}
