package dev.opsdeck.desktop.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.desktop.attention.NoAlerts;
import dev.opsdeck.desktop.fx.Commands;
import dev.opsdeck.desktop.settings.Settings;
import dev.opsdeck.desktop.fx.Pacer;
import dev.opsdeck.desktop.tickets.TicketFilter;
import dev.opsdeck.desktop.tickets.TicketRow;
import dev.opsdeck.engine.Engine;
import dev.opsdeck.engine.EngineConfig;
import dev.opsdeck.engine.Injection;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Published;
import dev.opsdeck.engine.flow.Texts;
import dev.opsdeck.engine.ticket.Status;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Stage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's state fed by a real engine's events, without the FX toolkit. */
class ConsoleViewModelTest {

    @TempDir
    Path dir;
    private Engine engine;
    private ConsoleViewModel console;
    private final LinkedBlockingQueue<Published> events = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() {
        engine = Engine.start(EngineConfig.defaults(dir).withDebounce(java.time.Duration.ofMillis(1)));
        console = new ConsoleViewModel(new dev.opsdeck.desktop.port.InProcess(engine), Commands.direct(), Pacer.immediate(), new NoAlerts(),
                Settings.Reach.all(), new StatusLine());
        engine.subscribe("test", events::addAll);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    /** Feeds the console every event up to and including the first that matches. */
    private List<Published> feedUntil(Predicate<EngineEvent> until) throws InterruptedException {
        List<Published> fed = new ArrayList<>();
        while (true) {
            Published p = events.poll(20, TimeUnit.SECONDS);
            assertThat(p).as("the engine went quiet before the awaited event").isNotNull();
            fed.add(p);
            if (until.test(p.event())) {
                console.apply(fed);
                return fed;
            }
        }
    }

    private static Predicate<EngineEvent> ticketIs(Status status) {
        return e -> e instanceof EngineEvent.TicketChanged c && c.ticket().status() == status;
    }

    @Test
    void aFullFlow_endsResolvedInTheTable_withTimeToRca_andTheSignOffPanelClosed() throws Exception {
        String id = engine.inject(Injection.of("web_5xx")).ticketId();
        feedUntil(e -> e instanceof EngineEvent.SignOffRequested);

        assertThat(console.signOff().openProperty().get()).isTrue();
        assertThat(console.signOff().headlineProperty().get()).startsWith(id + " · SEV2");
        assertThat(console.tickets().awaitingHumanProperty().get()).isEqualTo(1);
        assertThat(console.workflows().openProperty(Stage.REMEDIATION).get()).isEqualTo(1);
        assertThat(console.workflows().openProperty(Stage.DIAGNOSIS).get()).isZero();

        console.signOff().approve();
        feedUntil(ticketIs(Status.RESOLVED));

        TicketRow row = console.tickets().row(id).orElseThrow();
        assertThat(row.status()).isEqualTo(Status.RESOLVED);
        assertThat(row.rcaSeconds()).isNotNaN();
        assertThat(console.tickets().averageRcaProperty().get()).isNotNaN();
        assertThat(console.signOff().openProperty().get()).isFalse();
        assertThat(console.signOff().noticeProperty().get())
                .isEqualTo("Sent: APPROVED · " + id + " — the disruptive step will run.");
        assertThat(console.topBar().totalProperty().get()).isEqualTo("1");
    }

    @Test
    void anAnswerFromAnotherClient_closesTheDecision_andSaysWhoAndWhat() throws Exception {
        engine.inject(Injection.of("web_5xx"));
        List<Published> fed = feedUntil(e -> e instanceof EngineEvent.SignOffRequested);
        String channel = fed.stream().map(Published::event).filter(EngineEvent.SignOffRequested.class::isInstance)
                .map(e -> ((EngineEvent.SignOffRequested) e).channelId()).findFirst().orElseThrow();

        engine.answer(channel, Texts.REJECT, "bridge");
        feedUntil(e -> e instanceof EngineEvent.SignOffResolved);

        assertThat(console.signOff().openProperty().get()).isFalse();
        assertThat(console.signOff().visibleProperty().get()).isTrue();
        assertThat(console.signOff().noticeProperty().get()).startsWith("Answered elsewhere by bridge: REJECTED · ");
        assertThat(console.signOff().noticeLookProperty().get()).isEqualTo("rejected");
    }

    @Test
    void aRejectedSignOff_countsAsAFollowUp_andItsFinishedRowSaysSo_notResolved() throws Exception {
        String id = engine.inject(Injection.of("web_5xx")).ticketId();
        feedUntil(e -> e instanceof EngineEvent.SignOffRequested);
        assertThat(console.topBar().awaitingProperty().get()).isEqualTo("1");

        console.signOff().reject();
        feedUntil(ticketIs(Status.NEEDS_FOLLOWUP));

        assertThat(console.topBar().awaitingProperty().get()).isEqualTo("0");
        assertThat(console.topBar().followupsProperty().get()).isEqualTo("1");
        assertThat(console.topBar().followupsWaitingProperty().get()).isTrue();
        var row = console.workflows().finishedChannels(Stage.REMEDIATION).get(0);
        assertThat(row.ticketId()).isEqualTo(id);
        assertThat(row.ending()).isEqualTo("needs_followup");
        assertThat(row.summary()).contains("needs followup").contains("sign-off rejected").doesNotContain(" resolved");
    }

    @Test
    void selectingATicketWaitingForASignOff_bringsItToThePanel() throws Exception {
        String first = engine.inject(Injection.of("web_5xx")).ticketId();
        String second = engine.inject(Injection.of("storage_disk_offline")).ticketId();
        feedUntil(e -> e instanceof EngineEvent.SignOffRequested);
        feedUntil(e -> e instanceof EngineEvent.SignOffRequested);
        String other = console.signOff().requestProperty().get().ticketId().equals(first) ? second : first;

        console.selectTicket(other);
        assertThat(console.signOff().requestProperty().get().ticketId()).isEqualTo(other);
        assertThat(console.signOff().ticketIdProperty().get()).isEqualTo(other);
    }

    @Test
    void anEngineError_reachesTheStatusLine_andTheLog() {
        console.apply(List.of(new Published(1, 100, new EngineEvent.ErrorReported("flow",
                "INC-007: Gemini answered badly twice; the rules took this turn"))));
        assertThat(console.status().textProperty().get()).contains("INC-007: Gemini answered badly twice");
        assertThat(console.status().errorProperty().get()).isTrue();
        assertThat(console.monitoring().logs()).anySatisfy(l -> {
            assertThat(l.level()).isEqualTo(dev.opsdeck.engine.event.Level.ERROR);
            assertThat(l.message()).contains("rules took this turn");
        });
    }

    @Test
    void aFailedInject_saysWhatFailed() {
        engine.close();
        console.monitoring().inject("web_5xx");
        assertThat(console.monitoring().messageProperty().get()).startsWith("Injecting web_5xx failed: ");
    }

    @Test
    void manyChangesToOneTicketInABatch_leaveOneRow_andTheFiltersCountIt() throws Exception {
        engine.inject(Injection.of("web_5xx"));
        feedUntil(e -> e instanceof EngineEvent.SignOffRequested);

        assertThat(console.tickets().rows()).hasSize(1);
        console.tickets().filterProperty().set(TicketFilter.RESOLVED);
        assertThat(console.tickets().visibleRows()).isEmpty();
        console.tickets().filterProperty().set(TicketFilter.ACTIVE);
        assertThat(console.tickets().visibleRows()).hasSize(1);
    }

    @Test
    void aDuplicate_carriesItsParent_inTheTableOutcome() throws Exception {
        String first = engine.inject(Injection.of("web_5xx")).ticketId();
        feedUntil(e -> e instanceof EngineEvent.SignOffRequested);
        String second = engine.inject(Injection.of("web_5xx")).ticketId();
        feedUntil(ticketIs(Status.DUPLICATE));

        Ticket dup = console.tickets().ticket(second).orElseThrow();
        assertThat(dup.parent()).isEqualTo(first);
        assertThat(console.tickets().row(second).orElseThrow().outcome()).isEqualTo("⊃ duplicate of " + first);
    }

    @Test
    void incidentErrorLines_areMarkedWithTheirIssue_ambientOnesAreNot() throws Exception {
        engine.inject(Injection.of("web_5xx"));
        feedUntil(e -> e instanceof EngineEvent.TicketCreated);
        console.apply(List.of(new Published(999, 1, new EngineEvent.LogLine("web-edge-01", "GET / 200", dev.opsdeck.engine.event.Level.INFO))));

        assertThat(console.monitoring().logs()).hasSizeGreaterThan(1);
        assertThat(console.monitoring().logs().get(0).incident()).isEqualTo("web_5xx");
        assertThat(console.monitoring().logs().get(console.monitoring().logs().size() - 1).hit()).isFalse();
    }

    @Test
    void aReset_clearsTicketsWorkflowsAndLogs() throws Exception {
        engine.inject(Injection.of("web_5xx"));
        feedUntil(e -> e instanceof EngineEvent.SignOffRequested);
        engine.reset();
        feedUntil(e -> e instanceof EngineEvent.Reset);

        assertThat(console.tickets().rows()).isEmpty();
        assertThat(console.workflows().openChannels(Stage.REMEDIATION)).isEmpty();
        assertThat(console.workflows().finishedChannels(Stage.REMEDIATION)).isEmpty();
        assertThat(console.signOff().visibleProperty().get()).isFalse();
    }
}
