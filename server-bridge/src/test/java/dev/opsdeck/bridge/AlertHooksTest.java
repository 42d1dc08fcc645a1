package dev.opsdeck.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.engine.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alert hooks' port: 202 with the receipt, and every refusal (401, 403, 404, 405, 413, 400) leaving nothing. */
class AlertHooksTest {

    static final String TOKEN = "hook-token";

    @TempDir
    Path dir;

    static String delivery(String fingerprint) {
        return """
            {"version":"4","status":"firing","receiver":"opsdeck","groupKey":"g","groupLabels":{},"commonLabels":{},
             "commonAnnotations":{},"externalURL":"http://am","truncatedAlerts":0,"alerts":[{"status":"firing",
             "labels":{"alertname":"NodeFilesystemReadOnly","instance":"my-web-01:9100","severity":"critical"},
             "annotations":{"summary":"/data is read-only"},"startsAt":"2026-11-29T20:00:00Z",
             "endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prom/graph","fingerprint":"%s"}]}"""
                .formatted(fingerprint);
    }

    @Test
    void aDelivery_isStoredBeforeThe202_whichNamesItsTicket() throws Exception {
        try (TestBridge t = TestBridge.start(dir)) {
            HttpResponse<String> r = t.postHook("/hooks/alertmanager", delivery("fp1"), Map.of());

            assertThat(r.statusCode()).isEqualTo(202);
            JsonNode body = Json.MAPPER.readTree(r.body());
            String id = body.path("tickets").get(0).asText();
            assertThat(body.path("ignored")).isEmpty();
            assertThat(t.engine.ticket(id)).hasValueSatisfying(ticket -> {
                assertThat(ticket.system()).isEqualTo("my-web-01");
                assertThat(ticket.alert().fingerprint()).isEqualTo("fp1");
            });
            JsonNode snapshot = Json.MAPPER.readTree(t.get("/snapshot").body());
            assertThat(snapshot.path("tickets").get(0).path("alert").path("labels").path("alertname").asText())
                    .isEqualTo("NodeFilesystemReadOnly");

            HttpResponse<String> retry = t.postHook("/hooks/alertmanager", delivery("fp1"), Map.of());
            assertThat(retry.statusCode()).isEqualTo(202);
            // Open or already closed (an unknown system's diagnosis ends fast): either way, that ticket is named.
            assertThat(Json.MAPPER.readTree(retry.body()).path("ignored").get(0).path("reason").asText())
                    .containsAnyOf("already open as " + id + ": nothing new", "already handled by " + id);
            assertThat(t.engine.tickets()).hasSize(1);
        }
    }

    @Test
    void healthz_tellsTheHooksPort() throws Exception {
        try (TestBridge t = TestBridge.start(dir)) {
            JsonNode health = Json.MAPPER.readTree(t.get("/healthz").body());
            assertThat(health.path("hooks_port").asInt()).isEqualTo(t.bridge.hooksPort()).isPositive();
        }
    }

    @Test
    void withAToken_aDeliveryWithoutItIs401_andBearerOrQueryPass() throws Exception {
        try (TestBridge t = TestBridge.start(dir, c -> c, b -> b.withToken(TOKEN))) {
            HttpResponse<String> none = t.postHook("/hooks/alertmanager", delivery("a"), Map.of());
            HttpResponse<String> wrong = t.postHook("/hooks/alertmanager", delivery("a"),
                    Map.of("Authorization", "Bearer nope"));
            HttpResponse<String> bearer = t.postHook("/hooks/alertmanager", delivery("b"),
                    Map.of("Authorization", "Bearer " + TOKEN));
            HttpResponse<String> query = t.postHook("/hooks/grafana?token=" + TOKEN, delivery("c"), Map.of());

            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(bearer.statusCode()).isEqualTo(202);
            assertThat(query.statusCode()).isEqualTo(202);
            assertThat(t.engine.tickets()).extracting(x -> x.alert().fingerprint()).containsExactly("b", "c");
        }
    }

    @Test
    void aForeignOrigin_is403() throws Exception {
        try (TestBridge t = TestBridge.start(dir)) {
            HttpResponse<String> r = t.postHook("/hooks/alertmanager", delivery("a"),
                    Map.of("Origin", "http://evil.example"));
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(t.engine.tickets()).isEmpty();
        }
    }

    @Test
    void withNoToken_aDeliveryAddressedToAnotherName_is403_butLoopbackNamesAndAllowedOnesAreTaken() throws Exception {
        try (TestBridge t = TestBridge.start(dir, c -> c, b -> b.withAllowedHosts(List.of("opsdeck.internal")))) {
            int port = t.bridge.hooksPort();
            // A page on a name rebound to 127.0.0.1 posting alerts: no Origin a browser would send is needed to see it.
            assertThat(rawPost(port, "attacker.example:" + port, delivery("rebound")))
                    .startsWith("HTTP/1.1 403 ").contains("--allow-host");
            assertThat(t.engine.tickets()).isEmpty();
            int n = 0;
            for (String host : List.of("localhost:" + port, "127.0.0.1", "[::1]:" + port, "opsdeck.internal:9093")) {
                assertThat(rawPost(port, host, delivery("fp" + n++))).as(host).startsWith("HTTP/1.1 202 ");
            }
            assertThat(t.engine.tickets()).hasSize(4);
        }
    }

    @Test
    void withAToken_theHostIsNotChecked() throws Exception {
        try (TestBridge t = TestBridge.start(dir, c -> c, b -> b.withToken(TOKEN))) {
            int port = t.bridge.hooksPort();
            assertThat(rawPost(port, "opsdeck.example.com", delivery("a"), "Authorization: Bearer " + TOKEN + "\r\n"))
                    .startsWith("HTTP/1.1 202 ");
        }
    }

    /** A POST over a plain socket: the JDK's HTTP client will not send a Host header of our choosing. */
    private static String rawPost(int port, String host, String body, String... extra) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST /hooks/alertmanager HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                + String.join("", extra) + "Content-Length: " + b.length + "\r\nConnection: close\r\n\r\n";
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            s.setSoTimeout(20_000);
            s.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().write(b);
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            in.transferTo(got);
            return got.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void anUnknownHook_is404_andAGet_is405() throws Exception {
        try (TestBridge t = TestBridge.start(dir)) {
            assertThat(t.postHook("/hooks/nagios", delivery("a"), Map.of()).statusCode()).isEqualTo(404);
            String base = t.bridge.hooksUrl();
            HttpResponse<String> get = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(base + "/alertmanager")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(405);
            assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        }
    }

    @Test
    void overOneMebibyte_is413_andNothingIsKept() throws Exception {
        try (TestBridge t = TestBridge.start(dir)) {
            String padding = "x".repeat(1 << 20);
            String big = delivery("a").replace("\"/data is read-only\"", "\"" + padding + "\"");
            HttpResponse<String> r = t.postHook("/hooks/alertmanager", big, Map.of());
            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(problem(r)).contains("1 MiB");
            assertThat(t.engine.tickets()).isEmpty();
        }
    }

    @Test
    void aBadDelivery_is400WithOneLine_andNothingOfItIsApplied() throws Exception {
        try (TestBridge t = TestBridge.start(dir)) {
            String goodThenBad = delivery("a").replace("}]}", "},{\"status\":\"firing\",\"labels\":{}}]}");
            HttpResponse<String> half = t.postHook("/hooks/alertmanager", goodThenBad, Map.of());
            HttpResponse<String> notJson = t.postHook("/hooks/grafana", "{\"alerts\": [", Map.of());

            assertThat(half.statusCode()).isEqualTo(400);
            assertThat(problem(half)).isEqualTo("alerts[1].labels.alertname: required");
            assertThat(notJson.statusCode()).isEqualTo(400);
            assertThat(problem(notJson)).startsWith("not JSON: ").doesNotContain("\n");
            assertThat(t.engine.tickets()).isEmpty();
        }
    }

    private static String problem(HttpResponse<String> r) throws Exception {
        JsonNode n = Json.MAPPER.readTree(r.body());
        return n.path("error").asText(n.path("detail").asText());
    }
}
