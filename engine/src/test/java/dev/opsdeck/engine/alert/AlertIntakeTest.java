package dev.opsdeck.engine.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsdeck.engine.alert.AlertPayload.Source;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.flow.Texts;
import dev.opsdeck.engine.testing.EngineFixture;
import dev.opsdeck.engine.ticket.Status;
import dev.opsdeck.engine.ticket.Ticket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertIntakeTest {

    @TempDir
    Path dir;

    static List<AlertNotice> delivery(String status, String instance, String alertname, String fingerprint,
            String startsAt, String endsAt) {
        String body = """
            {"version":"4","status":"%s","alerts":[{"status":"%s","labels":{"alertname":"%s","instance":"%s",
             "severity":"warning"},"annotations":{"summary":"s"},"startsAt":"%s","endsAt":"%s",
             "fingerprint":"%s"}]}""".formatted(status, status, alertname, instance, startsAt, endsAt, fingerprint);
        return AlertPayload.parse(body, Source.ALERTMANAGER);
    }

    static List<AlertNotice> firing(String instance, String alertname, String fingerprint) {
        return delivery("firing", instance, alertname, fingerprint, "2026-11-29T20:00:00Z", "");
    }

    @Test
    void aFiringAlert_opensATicketCarryingTheAlert() {
        try (EngineFixture f = new EngineFixture(dir, c -> c)) {
            AlertReceipt r = f.engine.receiveAlerts(firing("my-web-01:9100", "web_5xx", "fp1"));
            assertEquals(1, r.tickets().size());
            assertEquals(List.of(), r.ignored());
            Ticket t = f.engine.ticket(r.tickets().get(0)).orElseThrow();
            assertEquals("my-web-01", t.system());
            assertEquals("web_5xx", t.issue());
            assertEquals("sev2", t.sev());
            assertNotNull(t.alert());
            assertEquals("fp1", t.alert().fingerprint());
            f.recorder.awaitTerminal(t.id(), EngineFixture.WAIT);
        }
    }

    @Test
    void theSameFiringAgain_opensNothing_andARetryChangesNothing() {
        try (EngineFixture f = new EngineFixture(dir, c -> c.withSignOffDeadline(Duration.ofMinutes(10)))) {
            String id = f.engine.receiveAlerts(firing("web-edge-01:9100", "web_5xx", "fp1")).tickets().get(0);
            f.recorder.await(es -> es.stream().anyMatch(e -> e instanceof EngineEvent.SignOffRequested), EngineFixture.WAIT);
            Ticket before = f.engine.ticket(id).orElseThrow();

            AlertReceipt retry = f.engine.receiveAlerts(firing("web-edge-01:9100", "web_5xx", "fp1"));

            assertEquals(List.of(), retry.tickets());
            assertEquals(List.of(new AlertReceipt.Ignored("fp1", "already open as " + id + ": nothing new")),
                    retry.ignored());
            assertEquals(before, f.engine.ticket(id).orElseThrow());
            assertEquals(1, f.engine.tickets().size());
        }
    }

    @Test
    void aNewFiringOfAnOpenTicket_andItsResolution_areHistoryLinesOnce() {
        try (EngineFixture f = new EngineFixture(dir, c -> c.withSignOffDeadline(Duration.ofMinutes(10)))) {
            String id = f.engine.receiveAlerts(firing("web-edge-01:9100", "web_5xx", "fp1")).tickets().get(0);
            f.recorder.await(es -> es.stream().anyMatch(e -> e instanceof EngineEvent.SignOffRequested), EngineFixture.WAIT);

            AlertReceipt again = f.engine.receiveAlerts(delivery("firing", "web-edge-01:9100", "web_5xx", "fp1",
                    "2026-11-29T20:30:00Z", ""));
            AlertReceipt resolved = f.engine.receiveAlerts(delivery("resolved", "web-edge-01:9100", "web_5xx", "fp1",
                    "2026-11-29T20:30:00Z", "2026-11-29T20:45:00Z"));
            AlertReceipt resolvedRetry = f.engine.receiveAlerts(delivery("resolved", "web-edge-01:9100", "web_5xx",
                    "fp1", "2026-11-29T20:30:00Z", "2026-11-29T20:45:00Z"));

            assertEquals(List.of(id), again.tickets());
            assertEquals(List.of(id), resolved.tickets());
            assertEquals(List.of(new AlertReceipt.Ignored("fp1", "already noted on " + id)), resolvedRetry.ignored());
            List<String> history = f.engine.ticket(id).orElseThrow().history();
            assertEquals(1, history.stream().filter(l -> l.equals("alert fired again at 2026-11-29T20:30:00Z")).count());
            assertEquals(1, history.stream().filter(l -> l.equals("alert resolved at 2026-11-29T20:45:00Z")).count());
            assertEquals(1, f.engine.tickets().size());
        }
    }

    @Test
    void aResolutionWithNoTicket_andAnAlertWithNoSystem_areIgnoredWithTheirReasons() {
        try (EngineFixture f = new EngineFixture(dir, c -> c)) {
            AlertReceipt r = f.engine.receiveAlerts(delivery("resolved", "h:1", "A", "fpx", "t", "t2"));
            String watchdog = """
                {"status":"firing","alerts":[{"status":"firing","labels":{"alertname":"Watchdog"},"fingerprint":"w"}]}""";
            AlertReceipt w = f.engine.receiveAlerts(AlertPayload.parse(watchdog, Source.ALERTMANAGER));

            assertEquals("resolved, and no ticket in view was opened for it", r.ignored().get(0).reason());
            assertEquals("no instance, host, service or job label: no system to open a ticket on",
                    w.ignored().get(0).reason());
            assertEquals(0, f.engine.tickets().size());
        }
    }

    @Test
    void beyondTheFlowCap_alertTicketsWait_andSurviveARestart_thenRunInTurn() {
        List<AlertNotice> three = new java.util.ArrayList<>(firing("web-edge-01:9100", "web_5xx", "a"));
        three.addAll(firing("storage-node-04:9100", "storage_io_error", "b"));
        three.addAll(firing("web-edge-01:9100", "net_unreachable", "c"));
        List<String> ids;
        try (EngineFixture f = new EngineFixture(dir, c -> c.withMaxFlows(1).withSignOffDeadline(Duration.ofMinutes(10)))) {
            ids = f.engine.receiveAlerts(three).tickets();
            assertEquals(3, ids.size());
            f.recorder.await(es -> es.stream().anyMatch(e -> e instanceof EngineEvent.SignOffRequested r
                    && r.ticketId().equals(ids.get(0))), EngineFixture.WAIT);
            assertEquals(2, f.engine.waitingTickets());
            assertEquals(1, f.engine.runningFlows());
        }
        try (EngineFixture f = new EngineFixture(dir, c -> c.withMaxFlows(1).withSignOffDeadline(Duration.ofMinutes(10)))) {
            assertEquals(2, f.engine.waitingTickets(), "still waiting after the restart");
            for (String waiting : ids.subList(1, 3)) {
                Ticket t = f.engine.ticket(waiting).orElseThrow();
                assertEquals(Status.DIAGNOSING, t.status());
                assertTrue(t.history().contains("waiting for a flow slot (1 flows at once)"), t.history()::toString);
                assertTrue(t.waitingForSlot());
            }
            f.answering(Texts.APPROVE);
            for (String id : ids) {
                f.recorder.awaitTerminal(id, EngineFixture.WAIT);
            }
            assertEquals(0, f.engine.waitingTickets());
            assertEquals(3, f.engine.tickets().stream().filter(t -> t.status().terminal()).count());
            for (String started : ids.subList(1, 3)) {
                assertTrue(f.engine.ticket(started).orElseThrow().history().contains(Ticket.STARTED_NOTE));
            }
            assertEquals(List.of(), f.engine.tickets().stream().filter(Ticket::waitingForSlot).toList());
            assertTrue(!dev.opsdeck.engine.Json.write(f.engine.tickets().get(0)).contains("waiting"),
                    "no such field on the wire");
        }
    }

    @Test
    void deliveriesRacingEndingFlows_neverLeaveATicketWaitingForever() throws Exception {
        try (EngineFixture f = new EngineFixture(dir, c -> c.withMaxFlows(1))) {
            int posters = 4;
            int batches = 10;
            int batch = 10;
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(posters);
            List<java.util.concurrent.Future<List<String>>> work = new java.util.ArrayList<>();
            for (int p = 0; p < posters; p++) {
                int poster = p;
                work.add(pool.submit(() -> {
                    List<String> ids = new java.util.ArrayList<>();
                    for (int b = 0; b < batches; b++) {
                        List<AlertNotice> notices = new java.util.ArrayList<>();
                        for (int i = 0; i < batch; i++) {
                            String n = poster + "-" + b + "-" + i;
                            notices.addAll(firing("host-" + n + ":9100", "A", "fp-" + n));
                        }
                        ids.addAll(f.engine.receiveAlerts(notices).tickets());
                    }
                    return ids;
                }));
            }
            List<String> all = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<List<String>> w : work) {
                all.addAll(w.get());
            }
            pool.shutdown();

            assertEquals(posters * batches * batch, all.size());
            f.recorder.await(es -> es.stream().filter(e -> e instanceof EngineEvent.TicketChanged c
                    && c.ticket().status().terminal()).map(e -> ((EngineEvent.TicketChanged) e).ticket().id())
                    .distinct().count() == all.size(), Duration.ofSeconds(120));
            assertEquals(0, f.engine.waitingTickets());
        }
    }
}
