package dev.opsdeck.engine.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Outcome;
import dev.opsdeck.engine.testing.EngineFixture;
import dev.opsdeck.engine.ticket.Status;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Envelope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SignOffTest {

    @TempDir
    Path dir;

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of(Texts.APPROVE, Status.RESOLVED, "approved"),
                Arguments.of(Texts.DEFER, Status.PARTIALLY_RESOLVED, "deferred"),
                Arguments.of(Texts.REJECT, Status.NEEDS_FOLLOWUP, "rejected"),
                Arguments.of(null, Status.NEEDS_FOLLOWUP, "rejected"),
                Arguments.of("", Status.NEEDS_FOLLOWUP, "rejected"),
                Arguments.of("no, hold off", Status.NEEDS_FOLLOWUP, "rejected"),
                Arguments.of("NOT approved", Status.NEEDS_FOLLOWUP, "rejected"),
                Arguments.of("don't do it yet", Status.NEEDS_FOLLOWUP, "rejected"),
                Arguments.of("stop", Status.NEEDS_FOLLOWUP, "rejected"),
                Arguments.of("don't reject", Status.NEEDS_FOLLOWUP, "rejected"),
                Arguments.of("wait for the DBA", Status.PARTIALLY_RESOLVED, "deferred"),
                Arguments.of("yes, go ahead", Status.RESOLVED, "approved"));
    }

    @ParameterizedTest(name = "answer \"{0}\" is {2} -> {1}")
    @MethodSource("answers")
    void eachAnswer_leadsTheResolverToItsTerminalStatus(String decision, Status expected, String outcome) {
        try (EngineFixture f = new EngineFixture(dir, c -> c).answering(decision)) {
            String id = f.inject("web_5xx");
            List<EngineEvent> all = f.recorder.awaitTerminal(id, EngineFixture.WAIT);
            Ticket t = f.engine.ticket(id).orElseThrow();
            assertThat(t.status()).isEqualTo(expected);
            assertThat(t.resolution()).isNotEmpty();
            assertThat(resolutions(all)).singleElement()
                    .satisfies(r -> assertThat(r.outcome().wire()).isEqualTo(outcome));
            String verdict = decision == null || decision.isEmpty() ? "DECLINED" : outcome.toUpperCase();
            assertThat(humanLine(f, id)).as("the operator's post is headed by its verdict")
                    .startsWith("Human sign-off: " + verdict).contains(decision == null ? "" : decision);
        }
    }

    @Test
    void aSignOffWithNoAnswer_expiresAtItsDeadline_andTheTicketNeedsFollowup() {
        try (EngineFixture f = new EngineFixture(dir, c -> c.withSignOffDeadline(Duration.ofMillis(300)))) {
            String id = f.inject("web_5xx");
            List<EngineEvent> all = f.recorder.awaitTerminal(id, EngineFixture.WAIT);
            EngineEvent.SignOffRequested asked = all.stream().filter(EngineEvent.SignOffRequested.class::isInstance)
                    .map(EngineEvent.SignOffRequested.class::cast).findFirst().orElseThrow();
            assertThat(asked.deadline()).isGreaterThan(f.engine.tickets().get(0).createdAt());
            assertThat(resolutions(all)).singleElement().satisfies(r -> {
                assertThat(r.outcome().wire()).isEqualTo("expired");
                assertThat(r.decision()).isNull();
                assertThat(r.by()).isEqualTo("deadline");
            });
            assertThat(humanLine(f, id)).startsWith("Human sign-off: EXPIRED");
            assertThat(f.engine.ticket(id).orElseThrow().status()).isEqualTo(Status.NEEDS_FOLLOWUP);
        }
    }

    @Test
    void theFixersKeepWorking_whileTheSignOffWaits() {
        try (EngineFixture f = new EngineFixture(dir, c -> c)) {
            String id = f.inject("web_5xx");
            f.recorder.await(es -> es.stream().filter(e -> e instanceof EngineEvent.EnvelopePosted p
                    && "submit_fix".equals(p.envelope().tool())).count() == 3, EngineFixture.WAIT);
            Ticket waiting = f.engine.ticket(id).orElseThrow();
            assertThat(waiting.needsHuman()).isTrue();
            assertThat(waiting.status()).isEqualTo(Status.REMEDIATING);
            assertThat(f.engine.answer(id + ".remediation", Texts.APPROVE, "test").accepted()).isTrue();
            f.recorder.awaitTerminal(id, EngineFixture.WAIT);
            assertThat(f.engine.ticket(id).orElseThrow().status()).isEqualTo(Status.RESOLVED);
        }
    }

    @Test
    void theFirstAnswerWins_andLaterOrUnknownAnswersAreRefusedWithAReason() {
        try (EngineFixture f = new EngineFixture(dir, c -> c)) {
            String id = injectUntilAsked(f);
            String channel = id + ".remediation";
            assertThat(f.engine.answer(channel, Texts.REJECT, "first").accepted()).isTrue();
            Answer late = f.engine.answer(channel, Texts.APPROVE, "second");
            assertThat(late.accepted()).isFalse();
            assertThat(late.reason()).contains("no pending sign-off");
            assertThat(f.engine.answer("INC-999.remediation", Texts.APPROVE, "x").reason()).contains("INC-999");
            List<EngineEvent> all = f.recorder.awaitTerminal(id, EngineFixture.WAIT);
            assertThat(resolutions(all)).singleElement().satisfies(r -> assertThat(r.by()).isEqualTo("first"));
            assertThat(f.engine.ticket(id).orElseThrow().status()).isEqualTo(Status.NEEDS_FOLLOWUP);
        }
    }

    @Test
    void anUnclearAnswer_isRefusedWithHowToAnswer_andTheSignOffStaysPending() {
        try (EngineFixture f = new EngineFixture(dir, c -> c)) {
            String id = injectUntilAsked(f);
            String channel = id + ".remediation";
            Answer unclear = f.engine.answer(channel, "sure, whatever", "test");
            assertThat(unclear.accepted()).isFalse();
            assertThat(unclear.reason()).contains("APPROVE").contains("DEFER").contains("REJECT").contains("pending");
            assertThat(f.engine.ticket(id).orElseThrow().needsHuman()).isTrue();
            assertThat(f.recorder.events()).noneMatch(EngineEvent.SignOffResolved.class::isInstance);

            assertThat(f.engine.answer(channel, "approve", "test").accepted()).isTrue();
            f.recorder.awaitTerminal(id, EngineFixture.WAIT);
            assertThat(f.engine.ticket(id).orElseThrow().status()).isEqualTo(Status.RESOLVED);
        }
    }

    @Test
    void anExplicitVerdict_decides_whateverItsNoteSays() {
        try (EngineFixture f = new EngineFixture(dir, c -> c)) {
            String id = injectUntilAsked(f);
            assertThat(f.engine.answer(id + ".remediation", Outcome.DEFERRED,
                    "yes the DBA agrees", "test").accepted()).isTrue();
            f.recorder.awaitTerminal(id, EngineFixture.WAIT);
            assertThat(f.engine.ticket(id).orElseThrow().status()).isEqualTo(Status.PARTIALLY_RESOLVED);
            assertThat(humanLine(f, id)).startsWith(Texts.DEFER).endsWith("Operator note: yes the DBA agrees");
        }
    }

    @Test
    void aRestart_asksThePendingSignOffAgain_withItsOriginalDeadline() {
        double deadline;
        String id;
        try (EngineFixture f = new EngineFixture(dir, c -> c)) {
            id = injectUntilAsked(f);
            deadline = f.recorder.events().stream().filter(EngineEvent.SignOffRequested.class::isInstance)
                    .map(e -> ((EngineEvent.SignOffRequested) e).deadline()).findFirst().orElseThrow();
        }
        try (EngineFixture f = new EngineFixture(dir, c -> c)) {
            f.recorder.await(es -> es.stream().anyMatch(EngineEvent.SignOffRequested.class::isInstance),
                    EngineFixture.WAIT);
            EngineEvent.SignOffRequested again = f.recorder.events().stream()
                    .filter(EngineEvent.SignOffRequested.class::isInstance).map(EngineEvent.SignOffRequested.class::cast)
                    .findFirst().orElseThrow();
            assertThat(again.ticketId()).isEqualTo(id);
            assertThat(again.deadline()).as("not a fresh deadline").isEqualTo(deadline);
        }
    }

    /** Injects web_5xx and waits until its sign-off is asked for; returns the ticket. */
    private static String injectUntilAsked(EngineFixture f) {
        String id = f.inject("web_5xx");
        f.recorder.await(es -> es.stream().anyMatch(EngineEvent.SignOffRequested.class::isInstance), EngineFixture.WAIT);
        return id;
    }

    private static List<EngineEvent.SignOffResolved> resolutions(List<EngineEvent> all) {
        return all.stream().filter(EngineEvent.SignOffResolved.class::isInstance)
                .map(EngineEvent.SignOffResolved.class::cast).toList();
    }

    private static String humanLine(EngineFixture f, String id) {
        return f.engine.journal(id + ".remediation").stream().filter(e -> e.sender().equals("Human"))
                .map(Envelope::text).findFirst().orElseThrow();
    }
}
