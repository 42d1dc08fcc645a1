package dev.opsdeck.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.engine.Json;
import dev.opsdeck.engine.TeamLog;
import dev.opsdeck.engine.store.Store;
import dev.opsdeck.engine.testing.PostgresServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP API across a team of two {@code serve} processes on one real PostgreSQL (started once for the class):
 * <ul>
 * <li>{@code /api/v1/events}: a reader cut from server A and resumed on server B with {@code Last-Event-ID} gets every
 * event once, in the team's one order, the very sequence a reader that stayed on B got; two flows run, one on each
 * server, so their events interleave differently in each server's own stream;
 * <li>{@code Idempotency-Key}: a POST retried on the other server is answered as the first was and does nothing twice;
 * <li>{@code --notify-webhook} on both servers: a real local receiver gets each notification once.
 * </ul>
 */
class TeamApiTest {

    private static final String TOKEN = "team-secret";

    @TempDir
    static Path dir;
    private static TeamServer a;
    private static TeamServer b;
    private static ApiClient onA;
    private static ApiClient onB;
    private static HttpServer receiver;
    /** What the team's receiver got, in order: each body's text. */
    private static final LinkedBlockingQueue<String> notified = new LinkedBlockingQueue<>();
    /** What B's receiver of its own got: B's notifier works through its events in order, so these say how far. */
    private static final LinkedBlockingQueue<String> toBOnly = new LinkedBlockingQueue<>();

    @BeforeAll
    static void startTheTeam() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        receiver.createContext("/team/T1/secret", x -> take(x, notified));
        receiver.createContext("/b-only", x -> take(x, toBOnly));
        receiver.start();
        String hooks = "http://127.0.0.1:" + receiver.getAddress().getPort();
        String db = PostgresServer.shared().newDatabase();
        a = TeamServer.start(db, dir.resolve("a"), Map.of(), "--token", TOKEN, "--notify-webhook",
                hooks + "/team/T1/secret");
        b = TeamServer.start(db, dir.resolve("b"), Map.of(), "--token", TOKEN, "--notify-webhook",
                hooks + "/team/T1/secret", "--notify-webhook", hooks + "/b-only");
        onA = new ApiClient(a.apiBase(), TOKEN);
        onB = new ApiClient(b.apiBase(), TOKEN);
    }

    @AfterAll
    static void stopTheTeam() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    private static void take(HttpExchange x, LinkedBlockingQueue<String> into) throws java.io.IOException {
        into.add(Json.MAPPER.readTree(x.getRequestBody().readAllBytes()).get("text").asText());
        x.sendResponseHeaders(204, -1);
        x.close();
    }

    @Test
    void withAWebhookOnBothServers_eachNotificationArrivesOnce() throws Exception {
        String id;
        long signOffs;
        try (SseReader onBsStream = new SseReader(b.apiBase() + "/api/v1/events", TOKEN, null)) {
            onBsStream.until(e -> e.type().equals("snapshot"), "snapshot");
            id = ticket(onA.post("/api/v1/incidents", TOKEN, "{\"incident\":\"storage_disk_offline\"}").body());
            onBsStream.until(e -> {
                if (e.type().equals("hitl_requested") && field(e, "ticket_id").equals(id)) {
                    approve(onB, e); // on B, the flow runs on A
                }
                return e.type().equals("ticket_status") && field(e, "id").equals(id)
                        && Wire.TERMINAL.contains(field(e, "status"));
            }, "its end");
            signOffs = onBsStream.seen.stream().filter(e -> e.type().equals("hitl_requested")
                    && field(e, "ticket_id").equals(id)).count();
            // B has read the ticket's end from the log, so its notifier meets it before this marker: once the marker
            // reaches B's own receiver, B has done whatever it would do with the ticket's three notifications.
            String marker = ticket(onB.post("/api/v1/incidents", TOKEN, "{\"system\":\"marker-02\",\"issue\":"
                    + "\"disk_full\",\"sev\":\"sev1\",\"description\":\"a marker\"}").body());
            String last;
            do {
                last = toBOnly.poll(TestBridge.WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
                assertThat(last).as("the marker at B's own receiver").isNotNull();
            } while (!last.contains(marker));
        }
        assertThat(notified).filteredOn(t -> t.startsWith("OpsDeck: SEV1 opened: " + id + " "))
                .as("the SEV1, once").hasSize(1);
        assertThat(notified).filteredOn(t -> t.startsWith("OpsDeck: sign-off needed on " + id + " "))
                .as("its sign-off asked, once each time").hasSize((int) signOffs);
        assertThat(signOffs).as("a SEV1 storage_disk_offline asks a sign-off").isEqualTo(1);
        assertThat(notified).filteredOn(t -> t.startsWith("OpsDeck: " + id + " closed: "))
                .as("its end, once").hasSize(1);
        for (TeamServer s : List.of(a, b)) {
            JsonNode health = Json.MAPPER.readTree(onA.http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(s.httpUrl() + "/healthz?token=" + TOKEN)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body());
            assertThat(health.path("notify_failures").size()).as("no receiver failing").isZero();
            assertThat(health.path("notify_taken_over").asLong()).as("nobody died holding one").isZero();
        }
    }

    @Test
    void aPostRetriedOnTheOtherServer_withItsIdempotencyKey_isAnsweredAsTheFirst_andDoneOnce() throws Exception {
        String incident = "{\"system\":\"orders-db-01\",\"issue\":\"replication_lag\",\"sev\":\"sev3\","
                + "\"description\":\"replica 40 s behind\"}";
        Map<String, String> key = Map.of("Idempotency-Key", "retry-of-the-lag");
        try (SseReader onAsStream = new SseReader(a.apiBase() + "/api/v1/events", TOKEN, null)) {
            onAsStream.until(e -> e.type().equals("snapshot"), "snapshot");
            HttpResponse<String> first = onA.send("POST", "/api/v1/incidents", TOKEN, incident, key);
            assertThat(first.statusCode()).isEqualTo(201);
            HttpResponse<String> retried = onB.send("POST", "/api/v1/incidents", TOKEN, incident, key);
            assertThat(retried.statusCode()).as("the retry on B").isEqualTo(201);
            assertThat(retried.headers().firstValue("Idempotent-Replayed")).contains("true");
            assertThat(retried.body()).isEqualTo(first.body());
            HttpResponse<String> reused = onB.send("POST", "/api/v1/incidents", TOKEN,
                    incident.replace("40 s", "50 s"), key);
            assertThat(reused.statusCode()).as("the key again, for another request").isEqualTo(409);

            // A marker injected on B after the retry: in the team's one order, a second ticket B had opened for the
            // retry would come before it.
            String marker = ticket(onB.post("/api/v1/incidents", TOKEN, "{\"system\":\"marker-01\",\"issue\":"
                    + "\"disk_full\",\"sev\":\"sev3\",\"description\":\"a marker\"}").body());
            onAsStream.until(e -> e.type().equals("ticket_created") && field(e, "id").equals(marker), "the marker");
            assertThat(onAsStream.seen).filteredOn(e -> e.type().equals("ticket_created")
                    && field(e, "system").equals("orders-db-01")).as("tickets the two POSTs opened").hasSize(1);
        }
    }

    @Test
    void aReaderCutFromA_resumesOnB_withEveryEventOnce_inTheTeamsOrder() throws Exception {
        List<SseReader.Event> pieces = new ArrayList<>();
        List<SseReader.Event> whole = new ArrayList<>();
        {
            try (SseReader stayed = new SseReader(b.apiBase() + "/api/v1/events", TOKEN, null)) {
                stayed.until(e -> e.type().equals("snapshot"), "snapshot");
                String lastId;
                Set<String> tickets = new HashSet<>();
                try (SseReader cut = new SseReader(a.apiBase() + "/api/v1/events", TOKEN, null)) {
                    cut.until(e -> e.type().equals("snapshot"), "snapshot");
                    tickets.add(ticket(onA.post("/api/v1/incidents", TOKEN, "{\"incident\":\"web_5xx\"}").body()));
                    tickets.add(ticket(onB.post("/api/v1/incidents", TOKEN, "{\"incident\":\"storage_io_error\"}")
                            .body()));
                    // Cut mid-stream: once both flows are under way.
                    Set<String> opened = new HashSet<>();
                    cut.until(e -> e.type().equals("channel_opened") && opened.add(field(e, "ticket_id"))
                            && opened.size() == 2, "both diagnoses opened");
                    cut.seen.stream().filter(e -> e.id() != null).forEach(pieces::add);
                    lastId = pieces.get(pieces.size() - 1).id();
                }
                int beforeTheCut = pieces.size();
                // Both flows go on while nobody reads that stream (answered on A, whichever server runs the flow):
                // what they publish meanwhile comes on B, after the cut.
                Set<String> asked = new HashSet<>();
                stayed.until(e -> {
                    if (e.type().equals("hitl_requested") && asked.add(field(e, "ticket_id"))) {
                        approve(onA, e);
                    }
                    return asked.size() == 2;
                }, "both sign-offs asked");
                try (SseReader resumed = new SseReader(b.apiBase() + "/api/v1/events", TOKEN, lastId)) {
                    untilBothEnded(resumed, tickets);
                    assertThat(resumed.seen.get(0).type()).as("resumed, not started afresh").isNotEqualTo("snapshot");
                    resumed.seen.stream().filter(e -> e.id() != null).forEach(pieces::add);
                }
                untilBothEnded(stayed, tickets);
                stayed.seen.stream().filter(e -> e.id() != null).forEach(whole::add);
                assertThat(beforeTheCut).as("read on A before the cut").isPositive();
                assertThat(pieces.size()).as("read on B after it").isGreaterThan(beforeTheCut);
            }
        }
        assertThat(pieces).extracting(SseReader.Event::id).doesNotHaveDuplicates();
        int from = whole.indexOf(pieces.get(0));
        assertThat(from).as("A's first event is one B's reader got too, at the same position").isNotNegative();
        assertThat(pieces).as("cut on A and resumed on B: the same events as B's reader, once each, in its order")
                .containsExactlyElementsOf(whole.subList(from, whole.size()));
        for (int i = 1; i < whole.size(); i++) {
            Store.Mark before = TeamLog.parse(whole.get(i - 1).id()).orElseThrow();
            Store.Mark next = TeamLog.parse(whole.get(i).id()).orElseThrow();
            assertThat(TeamLog.isAfter(next, before)).as("ids rise in the log's order: %s then %s", before, next)
                    .isTrue();
        }
        Set<String> types = new HashSet<>();
        pieces.forEach(e -> types.add(e.type()));
        assertThat(types).contains("ticket_created", "channel_opened", "envelope", "hitl_requested", "hitl_resolved",
                "ticket_status", "channel_closed");
    }

    /** Reads until both tickets reached a terminal status, counting what the reader had read already. */
    private static void untilBothEnded(SseReader reader, Set<String> tickets) throws InterruptedException {
        Set<String> ended = new HashSet<>();
        Predicate<SseReader.Event> end = e -> e.type().equals("ticket_status") && tickets.contains(field(e, "id"))
                && Wire.TERMINAL.contains(field(e, "status")) && ended.add(field(e, "id")) && ended.size() == 2;
        if (reader.seen.stream().noneMatch(end)) {
            reader.until(end, "both tickets ended");
        }
    }

    private static void approve(ApiClient api, SseReader.Event asked) {
        try {
            JsonNode p = Json.MAPPER.readTree(asked.data());
            assertThat(api.post("/api/v1/tickets/" + p.get("ticket_id").asText() + "/signoff", TOKEN,
                    "{\"verdict\":\"approve\",\"digest\":\"" + p.path("digest").asText() + "\"}").statusCode())
                    .isEqualTo(200);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String ticket(String createdBody) throws Exception {
        return Json.MAPPER.readTree(createdBody).get("ticket").asText();
    }

    private static String field(SseReader.Event e, String name) {
        try {
            return Json.MAPPER.readTree(e.data()).path(name).asText();
        } catch (Exception x) {
            throw new AssertionError(x);
        }
    }
}
