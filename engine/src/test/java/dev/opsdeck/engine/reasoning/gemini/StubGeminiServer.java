package dev.opsdeck.engine.reasoning.gemini;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The stub Gemini server on its own, to watch the real demo reason "with Gemini" without a network:
 * <pre>
 * mvn -q -pl engine test-compile exec:java -Dexec.mainClass=dev.opsdeck.engine.reasoning.gemini.StubGeminiServer \
 *     -Dexec.args="8765 200"
 * GEMINI_API_KEY=stub GOOGLE_GEMINI_BASE_URL=http://127.0.0.1:8765 ./opsdeck demo
 * </pre>
 * Arguments: port (default 8765), latency per call in ms (default 200). Runs until interrupted.
 */
public final class StubGeminiServer {

    private StubGeminiServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8765;
        Duration latency = Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 200);
        StubGemini stub = StubGemini.start(port).latency(latency);
        Runtime.getRuntime().addShutdownHook(new Thread(stub::close));
        System.out.println("stub Gemini on " + stub.baseUrl() + " (" + latency.toMillis() + " ms per call); Ctrl-C stops it");
        new CountDownLatch(1).await();
    }
}
