package dev.opsdeck.desktop.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opsdeck.bridge.Bridge;
import dev.opsdeck.bridge.BridgeConfig;
import dev.opsdeck.desktop.app.ConsoleViewModel;
import dev.opsdeck.desktop.app.StatusLine;
import dev.opsdeck.desktop.attention.NoAlerts;
import dev.opsdeck.desktop.fx.Commands;
import dev.opsdeck.desktop.fx.Pacer;
import dev.opsdeck.desktop.settings.Settings;
import dev.opsdeck.engine.Engine;
import dev.opsdeck.engine.EngineConfig;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Published;
import dev.opsdeck.engine.event.Subscription;
import dev.opsdeck.engine.ticket.Status;
import dev.opsdeck.engine.workflow.Stage;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's ViewModels on a real server joined over the wire: the same events, commands over the wire, and a
 * dropped connection that resyncs without showing anything twice.
 */
class RemoteConsoleTest {

    @TempDir
    Path dir;
    private Engine engine;
    private Bridge bridge;
    private Remote remote;
    private ConsoleViewModel console;
    private Subscription subscription;
    private final LinkedBlockingQueue<Published> events = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() {
        engine = Engine.start(EngineConfig.defaults(dir).withDebounce(Duration.ofMillis(1)));
        bridge = Bridge.start(engine, BridgeConfig.defaults().withPort(0));
        remote = Remote.connect(URI.create(bridge.url()), null);
        console = new ConsoleViewModel(remote, Commands.direct(), Pacer.immediate(), new NoAlerts(),
                Settings.Reach.all(), new StatusLine());
        subscription = remote.subscribe("desktop", true, tickets -> events.add(new Published(0, 0,
                new EngineEvent.Snapshot(tickets))), events::addAll);
    }

    @AfterEach
    void stop() {
        subscription.close();
        remote.close();
        bridge.close();
        engine.close();
    }

    /** Feeds the console, on this thread, every event up to and including the first that matches. */
    private void feedUntil(Predicate<EngineEvent> until) throws InterruptedException {
        List<Published> fed = new ArrayList<>();
        while (true) {
            Published p = events.poll(20, TimeUnit.SECONDS);
            assertThat(p).as("the server went quiet before the awaited event").isNotNull();
            if (p.event() instanceof EngineEvent.Snapshot s) {
                console.snapshot(s.tickets());
            } else {
                fed.add(p);
            }
            if (until.test(p.event())) {
                console.apply(fed);
                return;
            }
        }
    }

    private static Predicate<EngineEvent> ticketIs(Status status) {
        return e -> e instanceof EngineEvent.TicketChanged c && c.ticket().status() == status;
    }

    @Test
    void aFlowDrivenFromAJoinedConsole_runsOnTheServer_andShowsAsInProcess() throws Exception {
        feedUntil(e -> e instanceof EngineEvent.Snapshot);
        console.monitoring().inject("web_5xx");
        assertThat(console.monitoring().messageProperty().get()).isEqualTo("Opened INC-007 (web_5xx)");
        feedUntil(e -> e instanceof EngineEvent.SignOffRequested);
        assertThat(console.signOff().headlineProperty().get()).startsWith("INC-007 · SEV2");

        console.signOff().approve();
        feedUntil(ticketIs(Status.RESOLVED));

        assertThat(engine.ticket("INC-007").orElseThrow().status()).as("on the server").isEqualTo(Status.RESOLVED);
        assertThat(console.tickets().row("INC-007").orElseThrow().status()).isEqualTo(Status.RESOLVED);
        assertThat(console.signOff().noticeProperty().get()).startsWith("Sent: APPROVED · INC-007");
        assertThat(remote.journal("INC-007.remediation")).isNotEmpty();
        assertThat(remote.name()).as("the server named by its URL and store, and the user at this console")
                .isEqualTo(bridge.url() + " · " + engine.whereabouts() + " · " + Remote.NO_USER);
        assertThat(remote.reasoning()).isEqualTo(engine.reasoning());
    }

    @Test
    void anApprovalWithANoteThatSaysNo_isStillTheApprovalTheOperatorPressed() throws Exception {
        feedUntil(e -> e instanceof EngineEvent.Snapshot);
        console.monitoring().inject("web_5xx");
        feedUntil(e -> e instanceof EngineEvent.SignOffRequested);
        console.signOff().noteProperty().set("no issues on the standby");
        console.signOff().approve();
        feedUntil(ticketIs(Status.RESOLVED));
        assertThat(console.signOff().noticeProperty().get()).startsWith("Sent: APPROVED · INC-007");
        assertThat(engine.journal("INC-007.remediation")).anySatisfy(e ->
                assertThat(e.text()).endsWith("Operator note: no issues on the standby"));
    }

    @Test
    void requestChangesAndAStepDoneByHand_fromAJoinedConsole_areTheServersRounds() throws Exception {
        feedUntil(e -> e instanceof EngineEvent.Snapshot);
        console.monitoring().inject("web_5xx");
        feedUntil(e -> e instanceof EngineEvent.SignOffRequested);
        var sendBack = console.signOff().sendBack();
        sendBack.openChanges();
        sendBack.feedbackProperty().set("not api-gateway-02: it is in maintenance");
        sendBack.sendChanges();
        assertThat(sendBack.problemProperty().get()).isEmpty();
        feedUntil(e -> e instanceof EngineEvent.SignOffRequested r && r.channelId().equals("INC-007.remediation-r2"));
        assertThat(console.signOff().requestProperty().get().actions()).extracting(a -> a.id())
                .containsExactly("sim_raise_proxy_timeout");

        sendBack.openOverride();
        assertThat(sendBack.fitting()).as("what fits, as the server's runbook says").isNotEmpty()
                .extracting(ConsolePort.Fitting::id).containsExactlyElementsOf(engine.fittingActions("INC-007")
                        .stream().map(f -> f.id()).toList());
        sendBack.sendOverride();
        assertThat(sendBack.problemProperty().get()).as("nothing chosen: it says to choose").contains("Choose one");
        sendBack.handNoteProperty().set("raised the timeout myself");
        sendBack.sendByHand();
        assertThat(sendBack.problemProperty().get()).isEmpty();
        feedUntil(e -> e instanceof EngineEvent.TicketChanged c && c.ticket().status().terminal());
        var t = engine.ticket("INC-007").orElseThrow();
        assertThat(t.status()).as("nothing verified the step by hand").isEqualTo(Status.NEEDS_FOLLOWUP);
        // An open server names its clients by number; the name is the one the server gave this console.
        assertThat(t.history()).anySatisfy(h -> assertThat(h).matches("done by hand by client-\\d+: raised the "
                + "timeout myself"));
        assertThat(console.signOff().noticeProperty().get()).startsWith("Sent: DONE_BY_HAND · INC-007");
    }

    @Test
    void aRefusalByTheServer_comesBackAsTheCommandsFailure() throws Exception {
        feedUntil(e -> e instanceof EngineEvent.Snapshot);
        assertThat(remote.answer("INC-999.remediation", dev.opsdeck.engine.event.Outcome.APPROVED, "", "desktop")
                .reason()).contains("no pending sign-off");
        assertThatThrownBy(remote::archivedTickets).hasMessageContaining("kept on the server");
    }

    @Test
    void aDroppedConnection_isSaid_andOnceJoinedAgainTheViewIsKeptAndCaughtUp_withNothingTwice() throws Exception {
        feedUntil(e -> e instanceof EngineEvent.Snapshot);
        console.monitoring().inject("storage_io_error");
        feedUntil(e -> e instanceof EngineEvent.SignOffRequested);
        int port = bridge.port();
        int logLines = console.monitoring().logs().size();

        double rcaBefore = console.tickets().averageRcaProperty().get();
        assertThat(rcaBefore).as("measured before the drop").isNotNaN();
        bridge.close();
        feedUntil(e -> e instanceof EngineEvent.ErrorReported r && r.where().equals("link"));
        assertThat(console.status().textProperty().get()).contains("lost the connection");
        // Answered elsewhere while this console is away: it must learn of it from the replay.
        engine.answer("INC-007.remediation", dev.opsdeck.engine.event.Outcome.REJECTED, "", "someone-else");
        // The same WebSocket port the console knows; the hooks on any free one (port + 1 may be taken by now).
        bridge = Bridge.start(engine, BridgeConfig.defaults().withPort(port).withHooksPort(0));
        feedUntil(e -> e instanceof EngineEvent.LogLine l && l.service().equals("link"));
        assertThat(console.status().textProperty().get()).as("the status line clears once joined again").isEmpty();
        // The channel closes first, then the ticket takes the Resolver's status (Flow.close).
        feedUntil(ticketIs(Status.NEEDS_FOLLOWUP));

        assertThat(console.tickets().rows()).extracting(r -> r.id()).containsExactly("INC-007");
        assertThat(console.tickets().row("INC-007").orElseThrow().status()).isEqualTo(Status.NEEDS_FOLLOWUP);
        assertThat(console.workflows().openChannels(Stage.REMEDIATION)).isEmpty();
        assertThat(console.workflows().finishedChannels(Stage.DIAGNOSIS)).hasSize(1);
        assertThat(console.workflows().finishedChannels(Stage.REMEDIATION)).hasSize(1);
        assertThat(console.signOff().waiting()).isEmpty();
        assertThat(console.monitoring().logs()).as("the lines before, the loss and the return; none twice")
                .hasSize(logLines + 2);
        assertThat(remote.journal("INC-007.remediation")).as("each envelope once")
                .doesNotHaveDuplicates()
                .hasSameSizeAs(engine.journal("INC-007.remediation"));
        assertThat(console.tickets().averageRcaProperty().get()).as("time to RCA not re-dated by the rejoin")
                .isEqualTo(rcaBefore);
    }
}
