package dev.opsdeck.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.bridge.client.Frame;
import dev.opsdeck.engine.InjectLimits;
import dev.opsdeck.engine.Json;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Level;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a client sends is refused, with the reason, when a key is given twice or a field is over its length. */
class ClientLimitsTest {

    @TempDir
    Path dir;

    @Test
    void aKeyGivenTwice_isRefused_andNeitherValueIsActedOn() throws Exception {
        try (TestBridge t = TestBridge.start(dir)) {
            Recorder c = t.connect("?replay=0");
            c.untilType("snapshot");
            t.engine.publish(new EngineEvent.LogLine("web-edge-01", "before", Level.INFO));
            c.untilType("log");
            c.send("{\"type\":\"ping\",\"type\":\"reset\"}");
            Frame error = c.untilType("error");
            assertThat(error.text("detail")).contains("twice").contains("type");
            c.send(Map.of("type", "ping"));
            c.untilType("pong");
            assertThat(c.types()).containsExactly("snapshot", "log", "error", "pong"); // no reset
        }
    }

    @Test
    void aFieldOverItsLimit_isRefusedWithItsLength_andStartsNothing() throws Exception {
        try (TestBridge t = TestBridge.start(dir)) {
            Recorder c = t.connect("?replay=0");
            c.untilType("snapshot");
            Map<String, Object> inject = new HashMap<>();
            inject.put("type", "inject");
            inject.put("scenario", "custom");
            inject.put("system", "s".repeat(60_000));
            inject.put("issue", "disk_full");
            c.send(inject);
            assertThat(c.untilType("error").text("detail")).contains("\"system\" is 60000 characters long");

            inject.put("system", "db-01");
            inject.put("description", "d".repeat(4001));
            c.send(inject);
            assertThat(c.untilType("error").text("detail")).contains("\"description\"").contains("4000");

            c.send(Map.of("type", "hitl_response", "channel_id", "ch-1", "decision", "x".repeat(1001)));
            assertThat(c.untilType("error").text("detail")).contains("\"decision\"");
            assertThat(t.engine.tickets()).isEmpty();
        }
    }

    @Test
    void theInjectLimits_areTheEnginesOnEveryDoor_theSocketAndTheRestApi() throws Exception {
        try (TestBridge t = TestBridge.start(dir)) {
            Recorder c = t.connect("?replay=0");
            c.untilType("snapshot");
            Map<String, Object> inject = new HashMap<>();
            inject.put("type", "inject");
            inject.put("scenario", "custom");
            inject.put("system", "s".repeat(InjectLimits.SYSTEM + 1));
            inject.put("issue", "disk_full");
            c.send(inject);
            assertThat(c.untilType("error").text("detail")).isEqualTo("\"system\" is 129 characters long; at most "
                    + "128 are accepted");

            // The REST API has no length table of its own: the engine's check refuses what the socket would.
            HttpResponse<String> rest = t.postHook("/api/v1/incidents", Json.write(Map.of("system", "db-01",
                    "issue", "disk_full", "description", "d".repeat(InjectLimits.DESCRIPTION + 1))), Map.of());
            JsonNode body = Json.MAPPER.readTree(rest.body());
            assertThat(rest.statusCode()).as(rest.body()).isEqualTo(400);
            assertThat(body.path("error").asText(body.path("detail").asText()))
                    .isEqualTo("description is 4001 characters long; at most 4000");
            HttpResponse<String> longest = t.postHook("/api/v1/incidents", Json.write(Map.of("system",
                    "s".repeat(InjectLimits.SYSTEM), "issue", "i".repeat(InjectLimits.ISSUE), "description",
                    "d".repeat(InjectLimits.DESCRIPTION))), Map.of());
            assertThat(longest.statusCode()).as(longest.body()).isEqualTo(201);
            assertThat(t.engine.tickets()).hasSize(1);
        }
    }
}
