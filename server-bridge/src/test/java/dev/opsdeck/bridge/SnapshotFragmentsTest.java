package dev.opsdeck.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.bridge.client.Frame;
import dev.opsdeck.engine.Json;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large snapshot goes out as one {@code snapshot} message in fragments of at most 64 KiB (RFC 6455 5.4): a raw
 * socket sees a text frame and continuation frames; the JDK's client (as a browser) sees the one event.
 */
class SnapshotFragmentsTest {

    static final int TICKETS = 30;
    static final int FRAGMENT = 64 * 1024;

    @TempDir
    Path dir;

    // 30 alert tickets, each with three annotations of 3,900 two-byte characters (ü): a snapshot of ~700 KB.
    private static void open(TestBridge t) throws Exception {
        StringBuilder alerts = new StringBuilder();
        String text = "ü".repeat(3900);
        for (int i = 0; i < TICKETS; i++) {
            alerts.append(i == 0 ? "" : ",").append("""
                {"status":"firing","labels":{"alertname":"DiskFull","instance":"frag-%d:9100"},
                 "annotations":{"summary":"%s","description":"%s","runbook":"%s"},"fingerprint":"f%d"}"""
                    .formatted(i, text, text, text, i));
        }
        HttpResponse<String> r = t.postHook("/hooks/alertmanager", """
            {"version":"4","status":"firing","receiver":"opsdeck","groupKey":"g","groupLabels":{},"commonLabels":{},
             "commonAnnotations":{},"externalURL":"http://am","truncatedAlerts":0,"alerts":[%s]}""".formatted(alerts),
                Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    }

    @Test
    void aLargeSnapshot_arrivesAsATextFrameAndContinuations_eachAtMost64KiB() throws Exception {
        try (TestBridge t = TestBridge.start(dir, c -> c.withMaxFlows(TICKETS), b -> b)) {
            open(t);
            try (RawClient c = new RawClient(t.bridge.port(), "/ws?replay=0")) {
                assertThat(c.response()).startsWith("HTTP/1.1 101");
                List<RawClient.RawFrame> frames = new ArrayList<>();
                ByteArrayOutputStream message = new ByteArrayOutputStream();
                RawClient.RawFrame f;
                do {
                    f = c.readFrame();
                    frames.add(f);
                    message.write(f.payload());
                } while (!f.fin());
                assertThat(frames.size()).isGreaterThan(1);
                assertThat(frames.get(0).opcode()).isEqualTo(1);
                assertThat(frames.subList(1, frames.size())).allSatisfy(x -> assertThat(x.opcode()).isZero());
                assertThat(frames).allSatisfy(x -> assertThat(x.payload().length).isLessThanOrEqualTo(FRAGMENT));
                assertThat(frames.subList(0, frames.size() - 1)).noneMatch(RawClient.RawFrame::fin);
                for (RawClient.RawFrame x : frames) { // cut between characters: each fragment is UTF-8 on its own
                    StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                            .decode(java.nio.ByteBuffer.wrap(x.payload()));
                }
                JsonNode snapshot = Json.MAPPER.readTree(message.toString(StandardCharsets.UTF_8));
                assertThat(snapshot.path("type").asText()).isEqualTo("snapshot");
                assertThat(snapshot.path("payload").path("tickets")).hasSize(TICKETS);
                System.out.printf("SnapshotFragmentsTest: a %d-byte snapshot in %d frames%n", message.size(), frames.size());
            }
        }
    }

    @Test
    void theJdkClient_seesOneSnapshotEvent_thenTheLiveStream() throws Exception {
        try (TestBridge t = TestBridge.start(dir, c -> c.withMaxFlows(TICKETS), b -> b)) {
            open(t);
            Recorder c = t.connect("?replay=0");
            assertThat(t.engine.tickets()).hasSize(TICKETS);
            Frame snapshot = c.untilType("snapshot");
            assertThat(snapshot.raw().length()).isGreaterThan(4 * FRAGMENT);
            assertThat(snapshot.payload().path("tickets")).hasSize(TICKETS);
            c.send(Map.of("type", "ping"));
            c.untilType("pong");
            assertThat(c.types().get(0)).isEqualTo("snapshot");
        }
    }
}
