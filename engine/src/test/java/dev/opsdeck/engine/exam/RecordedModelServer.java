package dev.opsdeck.engine.exam;

import dev.opsdeck.engine.reasoning.gemini.StubGemini;
import dev.opsdeck.engine.reasoning.openai.StubOpenAi;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The exam's stand-ins on their own, to run {@code exam} by hand against a model's recorded replies, as
 * {@code ExamBackendsTest} does (from the repository's root; the recorded cases are copied out of the shipped ones):
 * <pre>
 * mvn -q -pl engine test-compile exec:java \
 *     -Dexec.mainClass=dev.opsdeck.engine.exam.RecordedModelServer
 * mkdir -p /tmp/recorded && for f in engine/src/test/resources/dev/opsdeck/engine/exam/recorded/*.json; do
 *     cp -r examples/exam/cases/$(basename $f .json) /tmp/recorded/; done
 * ./opsdeck exam /tmp/recorded --llm openai --llm-base-url http://127.0.0.1:PORT/v1 --model recorded
 * GEMINI_API_KEY=recorded ./opsdeck exam /tmp/recorded --llm gemini --gemini-base-url http://127.0.0.1:PORT
 * </pre>
 * Argument: the recordings' directory (default: the shipped ones). Each API on a free port of its own, printed. Runs
 * until interrupted.
 */
public final class RecordedModelServer {

    private RecordedModelServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dir = Path.of(args.length > 0 ? args[0] : "engine/src/test/resources/dev/opsdeck/engine/exam/recorded");
        RecordedReplies replies = RecordedReplies.load(dir);
        StubOpenAi openAi = StubOpenAi.replaying(replies::reply);
        StubGemini gemini = StubGemini.replaying(replies::reply);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            openAi.close();
            gemini.close();
        }));
        System.out.println("recorded replies of " + replies.cases().size() + " case(s) from " + dir);
        System.out.println("  Chat Completions: --llm openai --llm-base-url " + openAi.baseUrl());
        System.out.println("  Gemini:           --llm gemini --gemini-base-url " + gemini.baseUrl());
        System.out.println("Ctrl-C stops them");
        new CountDownLatch(1).await();
    }
}
