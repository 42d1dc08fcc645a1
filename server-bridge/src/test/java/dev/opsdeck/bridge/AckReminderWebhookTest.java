package dev.opsdeck.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.opsdeck.bridge.bench.ServerProcess;
import dev.opsdeck.bridge.client.Frame;
import dev.opsdeck.bridge.client.WireClient;
import dev.opsdeck.engine.Json;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --ack-reminder 2s --notify-webhook URL}: a SEV1 nobody takes is told again, on /ws
 * ({@code ticket_ack_overdue}) and to the webhook, once; a SEV1 taken in time is not.
 */
class AckReminderWebhookTest {

    @TempDir
    Path dir;

    @Test
    void aSev1NobodyTakes_isToldAgain_onTheWireAndTheWebhook_once() throws Exception {
        LinkedBlockingQueue<JsonNode> got = new LinkedBlockingQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        receiver.createContext("/hook", x -> {
            got.add(Json.MAPPER.readTree(x.getRequestBody().readAllBytes()));
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        receiver.start();
        try (ServerProcess server = ServerProcess.start(List.of("--data-dir", dir.toString(), "--debounce", "0",
                "--signoff-deadline", "10m", "--ack-reminder", "2s", "--notify-webhook",
                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"), Map.of());
                Recorder c = new Recorder(WireClient.connect(URI.create(server.url() + "?replay=0"), Map.of(),
                        TestBridge.WAIT))) {
            c.untilType("snapshot");
            // Two SEV1s of the bundled world: their flows wait for a sign-off (10 minutes), so neither ends first.
            c.send(Map.of("type", "inject", "incident", "net_unreachable"));
            String untaken = c.untilType("ticket_created").text("id");
            c.send(Map.of("type", "inject", "incident", "storage_disk_offline"));
            String taken = c.until(f -> f.type().equals("ticket_created") && !f.text("id").equals(untaken),
                    "the second ticket").text("id");
            c.send(Map.of("type", "ack", "ticket_id", taken));
            c.until(f -> f.type().equals("ticket_acked") && f.text("ticket_id").equals(taken), "the ack");

            Frame overdue = c.untilType("ticket_ack_overdue");
            assertThat(overdue.text("ticket_id")).isEqualTo(untaken);
            assertThat(overdue.text("sev")).isEqualTo("sev1");
            assertThat(overdue.payload().get("after_s").asLong()).isEqualTo(2);

            JsonNode reminder = null;
            for (JsonNode n = got.poll(20, TimeUnit.SECONDS); n != null; n = got.poll(20, TimeUnit.SECONDS)) {
                if (n.get("event").get("type").asText().equals("ticket_ack_overdue")) {
                    reminder = n;
                    break;
                }
            }
            assertThat(reminder).as("the webhook's reminder").isNotNull();
            assertThat(reminder.get("text").asText()).isEqualTo("OpsDeck: SEV1 " + untaken
                    + " is still not acknowledged 2s after it opened: take it");
            assertThat(reminder.get("event").get("payload").get("ticket_id").asText()).isEqualTo(untaken);

            // Checked every second: three more looks, and neither ticket is told (again).
            List<JsonNode> later = new java.util.ArrayList<>();
            for (JsonNode n = got.poll(3, TimeUnit.SECONDS); n != null; n = got.poll(3, TimeUnit.SECONDS)) {
                later.add(n);
            }
            assertThat(later).noneMatch(n -> n.get("event").get("type").asText().equals("ticket_ack_overdue"));
            assertThat(c.frames).filteredOn(f -> f.type().equals("ticket_ack_overdue")).hasSize(1);
        } finally {
            receiver.stop(0);
        }
    }
}
