package dev.opsdeck.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.engine.Json;
import dev.opsdeck.engine.world.Incident;
import dev.opsdeck.engine.world.World;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plain HTTP side and the gate: endpoints, 401 / 403 / 404 / 426, CORS, frame limit, unsafe binds. */
class HttpEndpointsTest {

    static final String TOKEN = "s3cret-token";

    @TempDir
    Path dir;

    @Test
    void healthzSnapshotAndWorld_answerTheContractsDocuments() throws Exception {
        try (TestBridge t = TestBridge.start(dir)) {
            Recorder c = t.connect("?replay=0");
            c.untilType("snapshot");
            JsonNode health = json(t.get("/healthz"));
            assertThat(health.path("ok").asBoolean()).isTrue();
            assertThat(health.path("clients").asInt()).isEqualTo(1);
            assertThat(health.path("tickets").asInt()).isZero();

            c.send(Map.of("type", "inject", "incident", "web_5xx"));
            String id = c.untilType("ticket_created").text("id");
            JsonNode snapshot = json(t.get("/snapshot"));
            assertThat(snapshot.path("tickets")).hasSize(1);
            assertThat(snapshot.path("tickets").get(0).path("id").asText()).isEqualTo(id);
            assertThat(json(t.get("/healthz")).path("tickets").asInt()).isEqualTo(1);

            World world = t.engine.world();
            JsonNode w = json(t.get("/world"));
            List<String> systems = new ArrayList<>();
            w.path("systems").forEach(s -> systems.add(s.path("id").asText() + "|" + s.path("kind").asText() + "|"
                    + s.path("status").asText()));
            assertThat(systems).containsExactlyElementsOf(
                    world.systems().stream().map(s -> s.id() + "|" + s.kind() + "|" + s.status()).toList());
            assertThat(w.path("ambient_logs").size()).isEqualTo(world.ambientLogs().size());
            world.ambientLogs().forEach((sys, lines) ->
                    assertThat(strings(w.path("ambient_logs").path(sys))).isEqualTo(lines));
            assertThat(w.path("incidents")).hasSize(world.incidents().size());
            for (int i = 0; i < world.incidents().size(); i++) {
                Incident inc = world.incidents().get(i);
                JsonNode n = w.path("incidents").get(i);
                List<String> fields = new ArrayList<>();
                n.fieldNames().forEachRemaining(fields::add);
                assertThat(fields).containsExactly("key", "system", "issue", "sev", "title", "error_logs");
                assertThat(n.path("key").asText()).isEqualTo(inc.key());
                assertThat(n.path("title").asText()).isEqualTo(inc.title());
                assertThat(strings(n.path("error_logs"))).isEqualTo(inc.errorLogs());
            }
        }
    }

    @Test
    void unknownPaths_are404_andAPlainGetOnWs_is426() throws Exception {
        try (TestBridge t = TestBridge.start(dir)) {
            assertThat(t.get("/").statusCode()).isEqualTo(404);
            assertThat(t.get("/ws/extra").statusCode()).isEqualTo(404);
            assertThat(t.get("/healthz/").statusCode()).isEqualTo(404);
            HttpResponse<String> ws = t.get("/ws");
            assertThat(ws.statusCode()).isEqualTo(426);
            assertThat(json(ws).path("error").asText()).contains("WebSocket");
            assertThat(t.bridge.clients()).isZero();
        }
    }

    @Test
    void withAToken_everyEndpointButHealthz_needsIt() throws Exception {
        try (TestBridge t = TestBridge.start(dir, c -> c, b -> b.withToken(TOKEN))) {
            assertThat(t.get("/healthz").statusCode()).isEqualTo(200);
            // Without the token, whether it is healthy and nothing else; with it, the whole document.
            assertThat(json(t.get("/healthz")).toString()).isEqualTo("{\"ok\":true}");
            assertThat(json(t.get("/healthz?token=" + TOKEN)).has("tickets")).isTrue();
            HttpResponse<String> none = t.get("/snapshot");
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertThat(t.get("/world?token=wrong").statusCode()).isEqualTo(401);
            assertThat(t.get("/world", Map.of("Authorization", "Bearer wrong")).statusCode()).isEqualTo(401);
            assertThat(t.get("/world?token=" + TOKEN).statusCode()).isEqualTo(200);
            assertThat(t.get("/snapshot", Map.of("Authorization", "Bearer " + TOKEN)).statusCode()).isEqualTo(200);
            assertThat(t.get("/server").statusCode()).as("where the data is: behind the token").isEqualTo(401);
            HttpResponse<String> server = t.get("/server?token=" + TOKEN);
            assertThat(server.statusCode()).isEqualTo(200);
            assertThat(server.body()).contains("\"store\":").contains("opsdeck.db").contains("\"instance\":")
                    .contains("\"team\":false").contains("\"you\":\"token\"");

            try (RawClient refused = new RawClient(t.bridge.port(), "/ws")) {
                assertThat(refused.response()).startsWith("HTTP/1.1 401");
            }
            Recorder byHeader = t.connect("", Map.of("Authorization", "Bearer " + TOKEN));
            Recorder byQuery = t.connect("?token=" + TOKEN + "&replay=0");
            assertThat(byHeader.untilType("snapshot").type()).isEqualTo("snapshot");
            assertThat(byQuery.untilType("snapshot").type()).isEqualTo("snapshot");
        }
    }

    @Test
    void browserOrigins_areCheckedAgainstTheAllowList_andAllowedOnesGetCors() throws Exception {
        try (TestBridge t = TestBridge.start(dir, c -> c, b -> b.withAllowedOrigins(List.of("https://ops.example.com")))) {
            HttpResponse<String> evil = t.get("/world", Map.of("Origin", "http://evil.example"));
            assertThat(evil.statusCode()).isEqualTo(403);
            assertThat(evil.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
            assertThat(t.get("/healthz", Map.of("Origin", "http://localhost.evil.example:80")).statusCode()).isEqualTo(403);

            for (String origin : List.of("http://localhost:5173", "http://127.0.0.1:3000", "https://ops.example.com",
                    t.bridge.httpUrl())) {
                HttpResponse<String> ok = t.get("/world", Map.of("Origin", origin));
                assertThat(ok.statusCode()).as(origin).isEqualTo(200);
                assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).hasValue(origin);
            }
            assertThat(t.get("/world").headers().firstValue("Access-Control-Allow-Origin")).as("not a browser").isEmpty();

            assertThatThrownBy(() -> t.connect("", Map.of("Origin", "http://evil.example")))
                    .hasMessageContaining("cannot connect");
            Recorder fromUi = t.connect("?replay=0", Map.of("Origin", "http://localhost:5173"));
            assertThat(fromUi.untilType("snapshot").type()).isEqualTo("snapshot");
        }
    }

    @Test
    void aFrameOver64KiB_closesWith1009_whileABigButAllowedOneIsJustAnError() throws Exception {
        try (TestBridge t = TestBridge.start(dir)) {
            try (RawClient c = new RawClient(t.bridge.port(), "/ws?replay=0")) {
                assertThat(c.response()).startsWith("HTTP/1.1 101");
                c.sendText("x".repeat(64 * 1024 + 1).getBytes(StandardCharsets.UTF_8));
                RawClient.Ending end = c.readToEnd();
                assertThat(end.closeCode()).isEqualTo(1009);
                assertThat(end.textFrames()).isEqualTo(1); // the snapshot, nothing for the oversized frame
            }
            Recorder ok = t.connect("?replay=0");
            ok.untilType("snapshot");
            ok.send("y".repeat(60 * 1024));
            assertThat(ok.untilType("error").text("where")).isEqualTo("client");
            ok.send(Map.of("type", "ping"));
            ok.untilType("pong");
        }
    }

    @Test
    void listeningBeyondLoopback_needsAToken_andATakenPortIsOneClearError() throws Exception {
        assertThatThrownBy(() -> BridgeConfig.defaults().withHost("0.0.0.0").validate())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without a token").hasMessageContaining("--token");
        BridgeConfig.defaults().withHost("0.0.0.0").withToken(TOKEN).validate();
        BridgeConfig.defaults().withHost("localhost").validate();

        try (TestBridge t = TestBridge.start(dir)) {
            assertThatThrownBy(() -> Bridge.start(t.engine, BridgeConfig.defaults().withPort(t.bridge.port())))
                    .isInstanceOf(BridgeException.class).hasMessageContaining("cannot listen")
                    .hasMessageContaining(String.valueOf(t.bridge.port()));
            assertThat(t.get("/healthz").statusCode()).isEqualTo(200);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        return Json.MAPPER.readTree(r.body());
    }
}
