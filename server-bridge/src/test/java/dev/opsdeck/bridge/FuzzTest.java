package dev.opsdeck.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.bridge.client.Frame;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Over a thousand bad frames: one client error each, to that client only, no state change, the server still up. */
class FuzzTest {

    static final int FRAMES = 1200;
    static final long SEED = 20261122L;

    @TempDir
    Path dir;

    @Test
    void randomAndMalformedFrames_eachGetOneClientError_andChangeNothing() throws Exception {
        try (TestBridge t = TestBridge.start(dir)) {
            Recorder fuzzer = t.connect("?replay=0");
            Recorder bystander = t.connect("?replay=0");
            fuzzer.untilType("snapshot");
            bystander.untilType("snapshot");
            List<String> bad = badFrames(new Random(SEED), FRAMES);
            for (String frame : bad) {
                fuzzer.send(frame);
            }
            fuzzer.send(Map.of("type", "ping"));
            fuzzer.untilType("pong");

            List<Frame> answers = fuzzer.frames.subList(1, fuzzer.frames.size() - 1);
            assertThat(answers).hasSize(FRAMES);
            for (int i = 0; i < FRAMES; i++) {
                assertThat(answers.get(i).type()).as("answer to %s", bad.get(i)).isEqualTo("error");
                assertThat(answers.get(i).text("where")).isEqualTo("client");
                assertThat(answers.get(i).text("detail")).isNotBlank();
            }
            assertThat(t.engine.tickets()).isEmpty();
            assertThat(t.engine.simulationRunning()).isFalse();
            assertThat(t.bridge.clients()).isEqualTo(2);

            // The bystander saw none of it: its next frame is its own pong.
            bystander.send(Map.of("type", "ping"));
            bystander.untilType("pong");
            assertThat(bystander.types()).containsExactly("snapshot", "pong");
            assertThat(t.get("/healthz").statusCode()).isEqualTo(200);
        }
    }

    /** Not JSON, not an object, no or odd type, wrong field types, missing fields, unknown channels. */
    static List<String> badFrames(Random rnd, int n) {
        List<String> out = new ArrayList<>();
        String[] fixed = {
            "", " ", "null", "42", "\"inject\"", "[]", "[{\"type\":\"ping\"}]", "{", "{\"type\":", "{}",
            "{\"type\":null}", "{\"type\":7}", "{\"type\":[\"inject\"]}", "{\"type\":\"Inject\"}", "{\"type\":\"pong\"}",
            "{\"type\":\"inject\",\"incident\":42}", "{\"type\":\"inject\",\"incident\":{}}",
            "{\"type\":\"inject\",\"scenario\":\"nope\"}", "{\"type\":\"inject\",\"scenario\":1}",
            "{\"type\":\"inject\",\"scenario\":\"custom\"}", "{\"type\":\"inject\",\"scenario\":\"custom\",\"system\":\"a\"}",
            "{\"type\":\"inject\",\"scenario\":\"custom\",\"system\":\"a\",\"issue\":\"has space\"}",
            "{\"type\":\"inject\",\"scenario\":\"custom\",\"system\":\"a\",\"issue\":\"x\",\"sev\":\"p1\"}",
            "{\"type\":\"hitl_response\"}", "{\"type\":\"hitl_response\",\"decision\":\"APPROVED\"}",
            "{\"type\":\"hitl_response\",\"channel_id\":\"nope\"}",
            "{\"type\":\"hitl_response\",\"channel_id\":\"INC-007.remediation\",\"decision\":\"APPROVED\"}",
            "{\"type\":\"hitl_response\",\"channel_id\":\"x\",\"decision\":5}",
            "{\"type\":\"hitl_response\",\"channel_id\":\"\",\"decision\":null}",
            "{\"type\":\"ping\"} trailing", "{\"type\":\"start\"}}", "\u0000\u0001",
        };
        for (String f : fixed) {
            out.add(f);
        }
        String alphabet = "{}[]\":,typeinjcdh_0123456789 nulltruefalse\\";
        while (out.size() < n) {
            switch (rnd.nextInt(4)) {
                case 0 -> { // random punctuation soup
                    StringBuilder b = new StringBuilder();
                    int len = 1 + rnd.nextInt(60);
                    for (int i = 0; i < len; i++) {
                        b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
                    }
                    String s = b.toString();
                    if (!s.contains("\"type\"")) {
                        out.add(s);
                    }
                }
                case 1 -> out.add("{\"type\":\"" + randomWord(rnd) + "\",\"n\":" + rnd.nextInt() + "}");
                case 2 -> out.add("{\"type\":\"hitl_response\",\"channel_id\":\"" + randomWord(rnd)
                        + "\",\"decision\":\"APPROVED\"}");
                default -> { // a valid message cut short
                    String whole = "{\"type\":\"inject\",\"incident\":\"web_5xx\"}";
                    out.add(whole.substring(0, rnd.nextInt(whole.length() - 1)));
                }
            }
        }
        return out.subList(0, n);
    }

    private static String randomWord(Random rnd) {
        StringBuilder b = new StringBuilder("x");
        for (int i = 0; i < 1 + rnd.nextInt(12); i++) {
            b.append((char) ('a' + rnd.nextInt(26)));
        }
        return b.toString();
    }
}
