package dev.opsdeck.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.bridge.bench.ServerProcess;
import dev.opsdeck.bridge.people.UsersFile;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST + SSE API against a running {@code serve} (its own JVM, started as a user starts it), with a real HTTP
 * client: every answer checked against the server's OpenAPI document ({@link ApiClient}), the refusals
 * (400/401/403/404/409/413/429), people named by their tokens, Idempotency-Key, and the event stream resumed
 * with Last-Event-ID.
 */
class ApiTest {

    private static final Pattern API = Pattern.compile("API: (http://[^ ]+)/api/v1");

    @TempDir
    Path dir;

    private ServerProcess server;
    private ApiClient api;
    private String alice;
    private String bob;

    @BeforeEach
    void serve() throws Exception {
        Path users = dir.resolve("users.yaml");
        alice = UsersFile.add(users, "alice");
        bob = UsersFile.add(users, "bob");
        server = ServerProcess.start(List.of("--data-dir", dir.resolve("data").toString(), "--users", users.toString(),
                "--token", "shared-secret", "--debounce", "1m", "--max-flows", "1", "--signoff-deadline", "10m"),
                Map.of());
        String base = server.output().stream().map(API::matcher).filter(Matcher::find).map(m -> m.group(1))
                .findFirst().orElseThrow(() -> new AssertionError("no API address in " + server.output()));
        api = new ApiClient(base, alice);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theDocumentIsOpenApi31_andNamesEveryEndpoint() {
        assertThat(api.document.getOpenapi()).isEqualTo("3.1.0");
        assertThat(api.document.getPaths().keySet()).contains("/api/v1/openapi.json", "/api/v1/incidents",
                "/api/v1/tickets", "/api/v1/tickets/{id}", "/api/v1/tickets/{id}/ack", "/api/v1/tickets/{id}/comments",
                "/api/v1/tickets/{id}/signoff", "/api/v1/tickets/{id}/changes", "/api/v1/tickets/{id}/override",
                "/api/v1/activity",
                "/api/v1/presence", "/api/v1/events");
    }

    @Test
    void aTicketsLife_overTheApi_byTwoPeople_withEveryRefusalDocumented() throws Exception {
        try (SseReader events = new SseReader(api.base + "/api/v1/events?replay=0", alice, null)) {
            assertThat(events.status).isEqualTo(200);
            events.until(e -> e.type().equals("snapshot"), "snapshot");

            // Refused at the gate: no token, a wrong one, a foreign browser origin.
            assertThat(api.get("/api/v1/tickets", null).statusCode()).isEqualTo(401);
            assertThat(api.get("/api/v1/tickets", alice + "x").statusCode()).isEqualTo(401);
            assertThat(api.send("GET", "/api/v1/tickets", alice, null, Map.of("Origin", "http://evil.example"))
                    .statusCode()).isEqualTo(403);

            // Incidents: opened, debounced, unknown, not JSON, too large, at the flow cap.
            HttpResponse<String> opened = api.post("/api/v1/incidents", alice, "{\"incident\":\"web_5xx\"}");
            assertThat(opened.statusCode()).isEqualTo(201);
            String id = ApiClient.json(opened).get("ticket").asText();
            assertThat(api.post("/api/v1/incidents", alice, "{\"incident\":\"web_5xx\"}").statusCode()).isEqualTo(409);
            assertThat(api.post("/api/v1/incidents", alice, "{\"incident\":\"no_such\"}").statusCode()).isEqualTo(400);
            assertThat(api.post("/api/v1/incidents", alice, "{not json").statusCode()).isEqualTo(400);
            assertThat(api.post("/api/v1/incidents", alice, "{\"description\":\"" + "x".repeat(70_000) + "\"}")
                    .statusCode()).isEqualTo(413);
            HttpResponse<String> capped = api.post("/api/v1/incidents", alice, "{\"incident\":\"net_unreachable\"}");
            assertThat(capped.statusCode()).isEqualTo(429);
            assertThat(capped.headers().firstValue("Retry-After")).isPresent();

            // Tickets.
            assertThat(ApiClient.json(api.get("/api/v1/tickets", bob)).get("tickets")).hasSize(1);
            assertThat(api.get("/api/v1/tickets?status=Bogus", bob).statusCode()).isEqualTo(400);
            assertThat(api.get("/api/v1/tickets/INC-999", bob).statusCode()).isEqualTo(404);

            // Acknowledge: alice takes it; bob is refused, naming her.
            assertThat(api.post("/api/v1/tickets/" + id + "/ack", alice, null).statusCode()).isEqualTo(200);
            HttpResponse<String> taken = api.post("/api/v1/tickets/" + id + "/ack", bob, null);
            assertThat(taken.statusCode()).isEqualTo(409);
            assertThat(ApiClient.json(taken).get("error").asText()).contains("alice");
            assertThat(api.post("/api/v1/tickets/INC-999/ack", bob, null).statusCode()).isEqualTo(404);

            // Comments, once only under one Idempotency-Key.
            String note = "{\"text\":\"<b>standby</b> is down too\\u001b[31m\"}";
            Map<String, String> key = Map.of("Idempotency-Key", "k-1");
            HttpResponse<String> first = api.send("POST", "/api/v1/tickets/" + id + "/comments", bob, note, key);
            HttpResponse<String> again = api.send("POST", "/api/v1/tickets/" + id + "/comments", bob, note, key);
            assertThat(first.statusCode()).isEqualTo(201);
            assertThat(again.statusCode()).isEqualTo(201);
            assertThat(again.body()).isEqualTo(first.body());
            assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
            assertThat(api.send("POST", "/api/v1/tickets/" + id + "/comments", bob, "{\"text\":\"other\"}", key)
                    .statusCode()).isEqualTo(409);
            assertThat(api.post("/api/v1/tickets/" + id + "/comments", bob, "{\"text\":\"\\u0007\"}").statusCode())
                    .isEqualTo(400);
            JsonNode ticket = ApiClient.json(api.get("/api/v1/tickets/" + id, bob));
            assertThat(ticket.get("comments")).hasSize(1);
            assertThat(ticket.get("comments").get(0).get("text").asText()).isEqualTo("<b>standby</b> is down too");
            assertThat(ticket.get("comments").get(0).get("by").asText()).isEqualTo("bob");
            assertThat(ticket.get("acked").get("by").asText()).isEqualTo("alice");

            // The sign-off: an explicit verdict only; the first answer decides, a later one hears who gave it.
            SseReader.Event asked = events.until(e -> e.type().equals("hitl_requested"), "hitl_requested");
            // Feedback with no text left once cleaned is refused, and the sign-off still waits (RequestChangesServeTest
            // sends a proposal back).
            assertThat(api.post("/api/v1/tickets/" + id + "/changes", bob, "{\"feedback\":\"\\u0007\"}")
                    .statusCode()).isEqualTo(400);
            assertThat(api.post("/api/v1/tickets/" + id + "/signoff", alice, "{\"verdict\":\"sure\"}").statusCode())
                    .isEqualTo(400);
            // Approving runs the runbook's actions: only with the digest of what was shown.
            assertThat(api.post("/api/v1/tickets/" + id + "/signoff", alice, "{\"verdict\":\"approve\"}")
                    .statusCode()).isEqualTo(400);
            assertThat(api.post("/api/v1/tickets/" + id + "/signoff", alice,
                    "{\"verdict\":\"approve\",\"digest\":\"0000\"}").statusCode()).isEqualTo(409);
            String digest = ApiClient.json(api.get("/api/v1/tickets/" + id, alice)).get("signoff_digest").asText();
            assertThat(digest).isEqualTo(dev.opsdeck.engine.Json.MAPPER.readTree(asked.data()).get("digest").asText());
            assertThat(api.post("/api/v1/tickets/" + id + "/signoff", alice,
                    "{\"verdict\":\"approve\",\"note\":\"go\",\"digest\":\"" + digest + "\"}").statusCode())
                    .isEqualTo(200);
            SseReader.Event resolved = events.until(e -> e.type().equals("hitl_resolved"), "hitl_resolved");
            assertThat(resolved.data()).contains("\"by\":\"alice\"");
            HttpResponse<String> late = api.post("/api/v1/tickets/" + id + "/signoff", bob, "{\"verdict\":\"reject\"}");
            assertThat(late.statusCode()).isEqualTo(409);
            assertThat(ApiClient.json(late).get("answered_by").asText()).isEqualTo("alice");

            // Activity and presence name the people.
            JsonNode activity = ApiClient.json(api.get("/api/v1/activity?ticket=" + id, bob)).get("activity");
            List<String> who = new ArrayList<>();
            activity.forEach(a -> who.add(a.get("by").asText() + ": " + a.get("what").asText()));
            assertThat(who).contains("alice: acknowledged by alice", "alice: sign-off approved by alice",
                    "bob: comment by bob: <b>standby</b> is down too");
            assertThat(activity.get(0).get("at").asDouble()).isGreaterThanOrEqualTo(
                    activity.get(activity.size() - 1).get("at").asDouble());
            assertThat(api.get("/api/v1/activity?limit=0", bob).statusCode()).isEqualTo(400);
            JsonNode presence = ApiClient.json(api.get("/api/v1/presence", bob));
            assertThat(presence.get("people").toString()).contains("\"name\":\"alice\"").contains("\"via\":\"api\"");
            // A path the document does not have: 404 with the same JSON refusal (read without the document's check).
            HttpResponse<String> none = api.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                    api.base + "/api/v1/nothing-here")).header("Authorization", "Bearer " + bob).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(none.statusCode()).isEqualTo(404);
            assertThat(ApiClient.json(none).get("error").asText()).contains("openapi.json");
        }
    }

    @Test
    void theEventStream_cutAndResumedWithLastEventId_losesNothing_andRepeatsNothing() throws Exception {
        List<SseReader.Event> pieces = new ArrayList<>();
        List<SseReader.Event> whole = new ArrayList<>();
        try (SseReader all = new SseReader(api.base + "/api/v1/events?replay=0", alice, null)) {
            all.until(e -> e.type().equals("snapshot"), "snapshot");
            String lastId;
            try (SseReader cut = new SseReader(api.base + "/api/v1/events?replay=0", bob, null)) {
                cut.until(e -> e.type().equals("snapshot"), "snapshot");
                api.post("/api/v1/incidents", alice, "{\"incident\":\"storage_io_error\"}");
                cut.until(e -> e.type().equals("channel_opened"), "channel_opened");
                cut.seen.stream().filter(e -> e.id() != null).forEach(pieces::add);
                lastId = pieces.get(pieces.size() - 1).id();
            }
            // What is published while nobody reads bob's stream comes when he resumes.
            all.until(e -> e.type().equals("hitl_requested"), "hitl_requested");
            try (SseReader resumed = new SseReader(api.base + "/api/v1/events", bob, lastId)) {
                SseReader.Event asked = resumed.until(e -> e.type().equals("hitl_requested"), "hitl_requested");
                assertThat(resumed.seen.get(0).type()).as("resumed, not started afresh").isNotEqualTo("snapshot");
                String ticket = dev.opsdeck.engine.Json.MAPPER.readTree(asked.data()).get("ticket_id").asText();
                String digest = dev.opsdeck.engine.Json.MAPPER.readTree(asked.data()).get("digest").asText();
                api.post("/api/v1/tickets/" + ticket + "/signoff", alice,
                        "{\"verdict\":\"approve\",\"digest\":\"" + digest + "\"}");
                resumed.until(e -> e.type().equals("channel_closed") && e.data().contains("resolved"), "the end");
                all.until(e -> e.type().equals("channel_closed") && e.data().contains("resolved"), "the end");
                resumed.seen.stream().filter(e -> e.id() != null).forEach(pieces::add);
            }
            all.seen.stream().filter(e -> e.id() != null).forEach(whole::add);
        }
        assertThat(pieces).extracting(SseReader.Event::id).doesNotHaveDuplicates();
        assertThat(pieces).containsExactlyElementsOf(whole);
        for (int i = 1; i < whole.size(); i++) {
            assertThat(Long.parseLong(whole.get(i).id())).isEqualTo(Long.parseLong(whole.get(i - 1).id()) + 1);
        }
    }
}
