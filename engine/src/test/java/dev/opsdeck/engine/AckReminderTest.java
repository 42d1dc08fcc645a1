package dev.opsdeck.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.testing.TestClock;
import dev.opsdeck.engine.ticket.Ticket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SEV1 acknowledgement reminder, by the engine's clock (moved by hand: no waiting for minutes): once per ticket,
 * only for a SEV1 nobody took, and never when turned off.
 */
class AckReminderTest {

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(Instant.parse("2026-12-07T02:00:00Z"));

    private Engine start() {
        return Engine.start(EngineConfig.defaults(dir).withClock(clock).withDebounce(Duration.ZERO)
                .withSignOffDeadline(Duration.ofHours(2)));
    }

    @Test
    void aSev1NobodyTook_isRemindedOnce_afterTheTime_andATakenOneOrASev2IsNot() throws Exception {
        try (Engine engine = start()) {
            List<EngineEvent.AckOverdue> reminders = new CopyOnWriteArrayList<>();
            CountDownLatch reminded = new CountDownLatch(1);
            engine.subscribe("test", batch -> batch.forEach(p -> {
                if (p.event() instanceof EngineEvent.AckOverdue o) {
                    reminders.add(o);
                    reminded.countDown();
                }
            }));
            engine.remindUnacknowledged(Duration.ofMinutes(5));
            String untaken = engine.inject(Injection.of("net_unreachable")).ticketId();
            String taken = engine.inject(Injection.of("storage_disk_offline")).ticketId();
            String sev2 = engine.inject(Injection.of("web_5xx")).ticketId();
            assertThat(engine.acknowledge(taken, "alice", null).accepted()).isTrue();

            clock.advance(Duration.ofMinutes(4).plusSeconds(59));
            assertThat(engine.checkAcks()).as("not yet due").isZero();

            clock.advance(Duration.ofSeconds(2));
            // The engine's own timer looks every second: the reminder comes without the test calling for it.
            assertThat(reminded.await(20, TimeUnit.SECONDS)).as("the reminder").isTrue();
            assertThat(engine.checkAcks()).as("told once").isZero();
            clock.advance(Duration.ofHours(1));
            assertThat(engine.checkAcks()).as("still told once").isZero();

            assertThat(reminders).hasSize(1);
            EngineEvent.AckOverdue o = reminders.get(0);
            assertThat(o.ticketId()).isEqualTo(untaken);
            assertThat(o.sev()).isEqualTo("sev1");
            assertThat(o.afterSeconds()).isEqualTo(300);
            Ticket t = engine.ticket(untaken).orElseThrow();
            assertThat(t.history()).contains("acknowledgement overdue: nobody acknowledged it within 5m of opening;"
                    + " reminded");
            assertThat(t.ackReminded()).isTrue();
            assertThat(engine.ticket(taken).orElseThrow().ackReminded()).isFalse();
            assertThat(engine.ticket(sev2).orElseThrow().ackReminded()).isFalse();
        }
    }

    @Test
    void theReminder_survivesARestart_asTheTicketsHistory_andIsNotToldAgain() {
        String id;
        try (Engine engine = start()) {
            engine.remindUnacknowledged(Duration.ofMinutes(1));
            id = engine.inject(Injection.of("net_unreachable")).ticketId();
            clock.advance(Duration.ofMinutes(2));
            engine.checkAcks();
            assertThat(engine.ticket(id).orElseThrow().ackReminded()).isTrue();
        }
        try (Engine again = start()) {
            again.remindUnacknowledged(Duration.ofMinutes(1));
            assertThat(again.ticket(id).orElseThrow().ackReminded()).isTrue();
            assertThat(again.checkAcks()).isZero();
        }
    }

    @Test
    void zero_turnsItOff() {
        try (Engine engine = start()) {
            engine.remindUnacknowledged(Duration.ZERO);
            String id = engine.inject(Injection.of("net_unreachable")).ticketId();
            clock.advance(Duration.ofHours(3));
            assertThat(engine.checkAcks()).isZero();
            assertThat(engine.ticket(id).orElseThrow().ackReminded()).isFalse();
        }
    }
}
