package dev.opsdeck.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Level;
import dev.opsdeck.engine.event.Outcome;
import dev.opsdeck.engine.ticket.Status;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.ticket.TicketFold;
import dev.opsdeck.engine.workflow.Envelope;
import dev.opsdeck.engine.workflow.Stage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Store} adapter must do, written once: each adapter's test extends this with how to open a fresh
 * store and how to open the same one again (a restart).
 */
abstract class StoreContract {

    /** A fresh, empty store. */
    protected abstract Store fresh();

    /** The store {@link #fresh()} made, opened again after it was closed. */
    protected abstract Store reopened();

    private static Ticket ticket(int n) {
        return Ticket.open(Ticket.idFor(n), "web-edge-01", "web_5xx", "sev2", 100 + n).stamped(100 + n, "inject");
    }

    @Test
    void ticketsSurviveAReopen_oldestFirst_withEveryChange() {
        try (Store s = fresh()) {
            s.saveTicket(ticket(8));
            s.saveTicket(ticket(7));
            s.saveTicket(ticket(7).withStatus(Status.NEEDS_FOLLOWUP, "why").stamped(200, "engine"));
        }
        try (Store s = reopened()) {
            List<Ticket> all = s.tickets(false);
            assertThat(all).extracting(Ticket::id).containsExactly("INC-007", "INC-008");
            assertThat(all.get(0).status()).isEqualTo(Status.NEEDS_FOLLOWUP);
            assertThat(all.get(0).timeline()).extracting(Ticket.Moment::by).containsExactly("inject", "engine");
            assertThat(s.highestNumber()).isEqualTo(8);
        }
    }

    @Test
    void archivedTickets_leaveTheView_butKeepTheirNumbersTaken() {
        try (Store s = fresh()) {
            s.record("a", List.of(new EngineEvent.TicketCreated(ticket(7)), new EngineEvent.TicketCreated(ticket(8))));
            s.record("a", List.of(new EngineEvent.Reset()));
            s.saveTicket(ticket(9));
            s.archive("INC-009");
            assertThat(s.tickets(false)).isEmpty();
            assertThat(s.tickets(true)).hasSize(3);
            assertThat(s.highestNumber()).isEqualTo(9);
            s.reserveNumbersUpTo(12);
            assertThat(s.highestNumber()).isEqualTo(12);
        }
    }

    @Test
    void aChannelsJournal_isKeptInOrder_withItsCloseAndDeadline() {
        try (Store s = fresh()) {
            s.saveTicket(ticket(7));
            assertThat(s.hasChannels("INC-007")).isFalse();
            s.openChannel("INC-007.diagnosis", "INC-007", Stage.DIAGNOSIS);
            s.openChannel("INC-007.remediation", "INC-007", Stage.REMEDIATION);
            s.append(Envelope.text("INC-007.diagnosis", 1, "TicketBot", "kickoff", 1.0));
            s.append(Envelope.packet("INC-007.diagnosis", 2, "Triage", "assign_specialists",
                    Map.of("specialists", List.of("web")), "body", "rules", 2.0));
            s.closeChannel("INC-007.diagnosis", "remediation_recommended");
            s.setSignOffDeadline("INC-007.remediation", 500.0);
        }
        try (Store s = reopened()) {
            assertThat(s.hasChannels("INC-007")).isTrue();
            assertThat(s.journal("INC-007.diagnosis")).extracting(Envelope::sender)
                    .containsExactly("TicketBot", "Triage");
            assertThat(s.journal("INC-007.diagnosis").get(1).toolArgs()).containsEntry("specialists", List.of("web"));
            assertThat(s.channels("INC-007")).containsExactly(
                    new Store.ChannelRecord("INC-007.diagnosis", "INC-007", Stage.DIAGNOSIS, "remediation_recommended",
                            null),
                    new Store.ChannelRecord("INC-007.remediation", "INC-007", Stage.REMEDIATION, null, 500.0));
            assertThat(s.writable()).isTrue();
        }
    }

    @Test
    void recordedEvents_projectIntoTheTables_andTheTicketsAreTheFoldOfTheLog() {
        Ticket seven = ticket(7);
        Ticket eight = ticket(8);
        try (Store s = fresh()) {
            s.record("a", List.of(new EngineEvent.TicketCreated(seven), new EngineEvent.TicketCreated(eight)));
            assertThat(s.lease("INC-007")).as("a flow's events are written under its lease").isTrue();
            s.record("a", List.of(new EngineEvent.ChannelOpened("INC-007.diagnosis", "INC-007", Stage.DIAGNOSIS)));
            s.record("a", List.of(new EngineEvent.EnvelopePosted(
                    Envelope.text("INC-007.diagnosis", 1, "TicketBot", "kickoff", 1.0))));
            s.record("a", List.of(new EngineEvent.Reset()));
            Ticket nine = ticket(9);
            s.record("a", List.of(new EngineEvent.TicketCreated(nine),
                    new EngineEvent.TicketChanged(nine.withStatus(Status.RESOLVED, "done").stamped(300, "engine"))));
            s.record("a", List.of(new EngineEvent.LogLine("web", "ambient", Level.INFO)));
        }
        try (Store s = reopened()) {
            List<EngineEvent> logged = s.eventsAfter(Store.Mark.START, 100).stream().map(Store.Logged::event)
                    .toList();
            assertThat(s.tickets(false)).extracting(Ticket::id).containsExactly("INC-009");
            assertThat(TicketFold.of(logged)).isEqualTo(s.tickets(false));
            assertThat(s.tickets(false).get(0).status()).isEqualTo(Status.RESOLVED);
            assertThat(s.tickets(true)).hasSize(3);
            assertThat(s.journal("INC-007.diagnosis")).extracting(Envelope::sender).containsExactly("TicketBot");
            assertThat(s.openTickets(false)).isZero();
            Store.View view = s.view();
            assertThat(s.eventsAfter(view.from(), 100)).as("the view includes every logged event")
                    .allSatisfy(l -> assertThat(view.seen()).contains(l.mark().id()));
        }
    }

    @Test
    void anIdempotencyKey_isHeldByItsFirstClaim_answeredOnce_givenUpWhenStale_andForgottenWhenOld() {
        try (Store s = fresh()) {
            assertThat(s.claimKey("alice", "k1", "POST /incidents abc", 100, 60, 86400)).as("first: held").isEmpty();
            assertThat(s.claimKey("alice", "k1", "POST /incidents abc", 101, 60, 86400)).as("being answered")
                    .contains(new Store.KeptRequest("POST /incidents abc", null, null));
            assertThat(s.claimKey("bob", "k1", "POST /incidents abc", 101, 60, 86400)).as("keys are per user")
                    .isEmpty();
            s.answerKey("alice", "k1", 201, "{\"ticket\":\"INC-007\"}");
            assertThat(s.claimKey("alice", "k1", "POST /incidents abc", 102, 60, 86400)).as("answered")
                    .contains(new Store.KeptRequest("POST /incidents abc", 201, "{\"ticket\":\"INC-007\"}"));
            assertThat(s.claimKey("alice", "k1", "POST /incidents other", 102, 60, 86400).orElseThrow().request())
                    .as("another request with the key").isEqualTo("POST /incidents abc");
            assertThat(s.claimKey("alice", "k1", "POST /incidents abc", 102 + 86400, 60, 86400))
                    .as("forgotten after its time").isEmpty();

            s.claimKey("carol", "k2", "POST /ack", 200, 60, 86400);
            assertThat(s.claimKey("carol", "k2", "POST /ack", 259, 60, 86400)).as("not stale yet").isPresent();
            assertThat(s.claimKey("carol", "k2", "POST /ack", 261, 60, 86400))
                    .as("its holder never answered: taken again").isEmpty();
            s.releaseKey("carol", "k2");
            assertThat(s.claimKey("carol", "k2", "POST /ack", 262, 60, 86400)).as("released: free again").isEmpty();
        }
    }

    @Test
    void aNotification_isSentByItsFirstClaimer_takenOverOnlyWhenLeftUndone_andNeverAfterItIsDone() {
        try (Store s = fresh()) {
            assertThat(s.claimNotice("sev1:INC-007", "r1", "{}", "a:1", 100, 30)).as("first claim").isTrue();
            assertThat(s.claimNotice("sev1:INC-007", "r1", "{}", "b:2", 101, 30)).as("another server").isFalse();
            assertThat(s.claimNotice("sev1:INC-007", "r2", "{}", "b:2", 101, 30)).as("another receiver").isTrue();
            assertThat(s.claimNotice("sev1:INC-007", "r1", "{}", "a:1", 120, 30)).as("its holder, retrying").isTrue();
            assertThat(s.staleNotices(140, 30, List.of("r1", "r2"), 10)).as("refreshed at 120: not stale at 140")
                    .extracting(Store.Notice::receiver).containsExactly("r2");
            assertThat(s.staleNotices(151, 30, List.of("r1", "r2"), 10)).as("oldest claim first")
                    .extracting(Store.Notice::receiver)
                    .containsExactly("r2", "r1");
            assertThat(s.staleNotices(151, 30, List.of("r2", "r3"), 10)).as("only for receivers asked about")
                    .extracting(Store.Notice::receiver).containsExactly("r2");
            assertThat(s.claimNotice("sev1:INC-007", "r1", "{}", "b:2", 151, 30)).as("left undone: taken over")
                    .isTrue();
            assertThat(s.claimNotice("sev1:INC-007", "r1", "{}", "a:1", 152, 30)).as("its old holder, back")
                    .isFalse();
            s.noticeDone("sev1:INC-007", "r1");
            s.noticeDone("sev1:INC-007", "r2");
            assertThat(s.staleNotices(1000, 30, List.of("r1", "r2"), 10)).isEmpty();
            assertThat(s.claimNotice("sev1:INC-007", "r1", "{}", "c:3", 1000, 30)).as("done: never again").isFalse();
        }
    }

    @Test
    void aSignOffsFirstClaimWins_andOnlyWhileItIsPending() {
        try (Store s = fresh()) {
            assertThat(s.lease("INC-007")).as("a flow's events are written under its lease").isTrue();
            s.record("a", List.of(new EngineEvent.TicketCreated(ticket(7)),
                    new EngineEvent.ChannelOpened("INC-007.remediation", "INC-007", Stage.REMEDIATION)));
            assertThat(s.claimAnswer("INC-007.remediation", Outcome.APPROVED, "approve", "op", 1)).as("not asked yet")
                    .isFalse();
            s.record("a", List.of(new EngineEvent.SignOffRequested("INC-007.remediation", "INC-007", List.of(),
                    "rca", List.of("step"), "prompt", 500)));
            assertThat(s.claimAnswer("INC-007.remediation", Outcome.REJECTED, "no", "op1", "r-1", 2)).isTrue();
            assertThat(s.claimAnswer("INC-007.remediation", Outcome.APPROVED, "approve", "op2", "r-2", 3)).isFalse();
            assertThat(s.answer("INC-007.remediation")).as("the first claim, with its request's id").contains(
                    new Store.Verdict("INC-007.remediation", Outcome.REJECTED, "no", "op1", "r-1"));
            assertThat(s.answer("INC-007.diagnosis")).isEmpty();

            s.record("a", List.of(new EngineEvent.ChannelOpened("INC-007.other", "INC-007", Stage.REMEDIATION),
                    new EngineEvent.SignOffRequested("INC-007.other", "INC-007", List.of(), "rca", List.of(), "p", 600),
                    new EngineEvent.SignOffResolved("INC-007.other", null, Outcome.EXPIRED, "failure")));
            assertThat(s.claimAnswer("INC-007.other", Outcome.APPROVED, "approve", "op", 4))
                    .as("a sign-off that ended without an answer takes none later").isFalse();
        }
    }

    @Test
    void theDebounceIsKept_untilAReset() {
        try (Store s = fresh()) {
            assertThat(s.lastInject("web|web_5xx")).isEmpty();
            s.injected("web|web_5xx", 10.5);
            assertThat(s.lastInject("web|web_5xx")).hasValue(10.5);
            s.record("a", List.of(new EngineEvent.Reset()));
            assertThat(s.lastInject("web|web_5xx")).isEmpty();
        }
    }
}
