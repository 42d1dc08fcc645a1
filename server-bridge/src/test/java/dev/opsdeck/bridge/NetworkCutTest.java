package dev.opsdeck.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.bridge.client.Frame;
import dev.opsdeck.bridge.wire.Documents;
import dev.opsdeck.engine.store.PostgresStore;
import dev.opsdeck.engine.testing.PostgresServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code opsdeck serve} on one real PostgreSQL, B in a network namespace of its own reaching the database over a
 * veth that the test cuts for 20 s while B's flow waits for its sign-off, and the operators answer on both sides: B's
 * health turns 503 and B refuses the answer given to it at once; A takes the flow over, asks again and applies the
 * team's answer; when the link returns B stops its stale flow, catches up, and nothing it held lands. Afterwards the
 * ticket is terminal, each server's clients saw exactly one {@code hitl_resolved}, no terminal status was undone, and
 * both servers' snapshots equal the database's.
 */
class NetworkCutTest {

    private static final String TOKEN = "cut-test-token";
    private static final Duration CUT = Duration.ofSeconds(20);
    private static final Duration LONG = Duration.ofSeconds(60);
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void aServerCutFromTheDatabase_whileItsFlowWaits_splitsNoBrain() throws Exception {
        try (NetNamespace ns = NetNamespace.create();
                PostgresServer pg = PostgresServer.start(ns.databaseAddress, ns.cidr)) {
            String onLoopback = pg.newDatabase();
            String overTheVeth = onLoopback.replace("@127.0.0.1:", "@" + ns.databaseAddress + ":");
            try (TeamServer a = TeamServer.start(onLoopback, dir.resolve("a"), Map.of());
                    TeamServer b = TeamServer.startIn(ns, overTheVeth, dir.resolve("b"), TOKEN)) {
                Recorder onA = a.connect("?replay=0");
                Recorder onB = b.connect("?replay=0");
                onA.untilType("snapshot");
                onB.untilType("snapshot");

                onB.send(Map.of("type", "inject", "incident", "web_5xx"));
                Frame asked = onB.untilType("hitl_requested");
                String ticket = asked.text("ticket_id");
                String channel = asked.text("channel_id");
                onA.until(f -> f.type().equals("hitl_requested") && f.text("channel_id").equals(channel),
                        "B's sign-off on A");
                assertThat(health(b).statusCode()).isEqualTo(200);

                long cut = System.nanoTime();
                double cutAt = System.currentTimeMillis() / 1000.0;
                ns.cut();

                onA.until(f -> f.type().equals("hitl_requested") && f.text("channel_id").equals(channel),
                        "the sign-off asked again by A after its take-over", LONG);
                long takenOver = System.nanoTime() - cut;
                HttpResponse<String> unhealthy = awaitHealth(b, 503);
                long unhealthyAfter = System.nanoTime() - cut;
                assertThat(unhealthy.body()).contains("cannot reach the team's database");

                onB.answer(channel, "reject");
                Frame refused = onB.until(f -> f.type().equals("error") && f.text("detail").contains("not recorded"),
                        "the answer beside B refused");
                assertThat(refused.text("detail")).isEqualTo("not recorded: this server cannot reach the database;"
                        + " answer again on another server or when it is back");
                onA.answer(channel, "approve");
                Frame resolvedOnA = onA.untilTerminal(ticket);
                assertThat(resolvedOnA.text("status")).isEqualTo("Resolved");

                // The cut lasts its 20 s: no sleep stands for an event here, the outage is the thing under test.
                LockSupport.parkNanos(Math.max(0, CUT.toNanos() - (System.nanoTime() - cut)));
                ns.restore();
                long restored = System.nanoTime();

                onB.untilTerminal(ticket);
                awaitHealth(b, 200);
                long healthyAfter = System.nanoTime() - restored;
                // B writes again, and A reads it: whatever B was going to write late has been written or refused.
                onB.send(Map.of("type", "inject", "incident", "storage_io_error"));
                String next = onB.untilType("ticket_created").text("id");
                onA.until(f -> f.type().equals("ticket_created") && f.text("id").equals(next), "B's next ticket");
                Frame step = onA.until(f -> (f.type().equals("hitl_requested") && f.text("ticket_id").equals(next))
                        || (f.type().equals("ticket_status") && f.text("id").equals(next)
                                && Wire.TERMINAL.contains(f.text("status"))), "B's next ticket asking or ending");
                if (step.type().equals("hitl_requested")) {
                    onA.answer(step.text("channel_id"), "approve");
                    onA.untilTerminal(next);
                }
                onB.untilTerminal(next);

                System.out.printf("figure: network cut -> A took the flow over (asked again) %d ms; B's /healthz"
                        + " 503 after %d ms; link back -> B healthy %d ms%n", takenOver / 1_000_000,
                        unhealthyAfter / 1_000_000, healthyAfter / 1_000_000);

                for (Recorder r : List.of(onA, onB)) {
                    assertThat(r.ofType("hitl_resolved").stream().filter(f -> f.text("channel_id").equals(channel)))
                            .as("one hitl_resolved for %s", channel).hasSize(1);
                    for (String id : List.of(ticket, next)) {
                        List<String> statuses = r.ofType("ticket_status").stream()
                                .filter(f -> f.text("id").equals(id)).map(f -> f.text("status")).toList();
                        int end = indexOfTerminal(statuses);
                        assertThat(statuses.subList(end, statuses.size())).as("no terminal status undone: %s",
                                statuses).containsOnly(statuses.get(end));
                    }
                }
                Frame stopped = onB.ofType("error").stream().filter(f -> f.text("detail").contains(ticket)
                        && (f.text("detail").contains("lost its database session")
                                || f.text("detail").contains("its flow stopped on this server"))).findFirst()
                        .orElseThrow(() -> new AssertionError("B's operators were never told its flow stopped there: "
                                + onB.ofType("error")));
                System.out.printf("figure: network cut -> B's clients told its flow stopped there after %d ms"
                        + " (the telling waits for the store's write to time out)%n",
                        Math.round((stopped.ts() - cutAt) * 1000));
                assertThat(onB.ofType("hitl_resolved").stream().filter(f -> f.text("channel_id")
                        .equals(channel)).findFirst().orElseThrow().text("outcome")).isEqualTo("approved");

                JsonNode fromA = JSON.readTree(get(a, "/snapshot").body());
                JsonNode fromB = JSON.readTree(get(b, "/snapshot").body());
                try (PostgresStore store = PostgresStore.open(pg.url(onLoopback.substring(
                        onLoopback.lastIndexOf('/') + 1)), PostgresServer.USER, "")) {
                    JsonNode stored = JSON.readTree(Documents.snapshot(store.tickets(false)));
                    assertThat(fromA).as("A's snapshot is the database's").isEqualTo(stored);
                    assertThat(fromB).as("B's snapshot is the database's").isEqualTo(stored);
                }
            }
        }
    }

    private static int indexOfTerminal(List<String> statuses) {
        for (int i = 0; i < statuses.size(); i++) {
            if (Wire.TERMINAL.contains(statuses.get(i))) {
                return i;
            }
        }
        throw new AssertionError("never terminal: " + statuses);
    }

    private HttpResponse<String> health(TeamServer s) throws Exception {
        return get(s, "/healthz");
    }

    private HttpResponse<String> get(TeamServer s, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(s.httpUrl() + s.withToken(path)))
                .timeout(Duration.ofSeconds(10)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Asks {@code /healthz} every 100 ms until it answers {@code status}; the health has no event to wait on. */
    private HttpResponse<String> awaitHealth(TeamServer s, int status) throws Exception {
        long end = System.nanoTime() + LONG.toNanos();
        while (true) {
            HttpResponse<String> r = health(s);
            if (r.statusCode() == status) {
                return r;
            }
            assertThat(System.nanoTime()).as("/healthz %d within %s (last: %s)", status, LONG, r.body())
                    .isLessThan(end);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }
}
