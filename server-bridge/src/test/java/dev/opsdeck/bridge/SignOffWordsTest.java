package dev.opsdeck.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.bridge.client.Frame;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A {@code hitl_response}'s words over the wire, failing safe: unclear words are refused with how to answer and the
 * sign-off stays pending; a negation or a hold never approves.
 */
class SignOffWordsTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "\"{0}\" -> {1}, {2}")
    @CsvSource(delimiter = '|', value = {
        "no, hold off|rejected|Needs Followup",
        "NOT approved|rejected|Needs Followup",
        "don't do it yet|rejected|Needs Followup",
        "stop|rejected|Needs Followup",
        "don't reject|rejected|Needs Followup",
        "wait for the DBA|deferred|Partially Resolved",
        "Human sign-off: DEFERRED. Hold the disruptive step (e.g. disk hot-swap) for the next maintenance window; "
                + "apply only the non-disruptive fixes now.|deferred|Partially Resolved",
        "approve|approved|Resolved",
    })
    void afterAnUnclearAnswerIsRefused_theWordsDecideFailingSafe(String words, String outcome, String status)
            throws Exception {
        try (TestBridge t = TestBridge.start(dir)) {
            Recorder c = t.connect("?replay=0");
            c.untilType("snapshot");
            c.send(Map.of("type", "inject", "incident", "web_5xx"));
            Frame asked = c.untilType("hitl_requested");
            String channel = asked.text("channel_id");

            c.answer(channel, "sure, sounds fine");
            Frame refused = c.untilType("error");
            assertThat(refused.text("where")).isEqualTo("client");
            assertThat(refused.text("detail")).contains("unclear").contains("APPROVE").contains("DEFER")
                    .contains("REJECT").contains("still pending");
            assertThat(c.ofType("hitl_resolved")).as("an unclear answer decides nothing").isEmpty();

            c.answer(channel, words);
            Frame resolved = c.untilType("hitl_resolved");
            assertThat(resolved.text("outcome")).isEqualTo(outcome);
            assertThat(resolved.text("decision")).isEqualTo(words);
            Frame end = c.untilTerminal(asked.text("ticket_id"));
            assertThat(end.text("status")).isEqualTo(status);
        }
    }

    @org.junit.jupiter.api.Test
    void aNoteBesideTheDecision_goesWithIt_andNeverDecides() throws Exception {
        try (TestBridge t = TestBridge.start(dir)) {
            Recorder c = t.connect("?replay=0");
            c.untilType("snapshot");
            c.send(Map.of("type", "inject", "incident", "web_5xx"));
            Frame asked = c.untilType("hitl_requested");
            c.send(Map.of("type", "hitl_response", "channel_id", asked.text("channel_id"), "decision", "approve",
                    "note", "no issues seen, don't wait"));
            Frame resolved = c.untilType("hitl_resolved");
            assertThat(resolved.text("outcome")).isEqualTo("approved");
            assertThat(resolved.text("decision")).endsWith("Operator note: no issues seen, don't wait");
            assertThat(c.untilTerminal(asked.text("ticket_id")).text("status")).isEqualTo("Resolved");
        }
    }
}
