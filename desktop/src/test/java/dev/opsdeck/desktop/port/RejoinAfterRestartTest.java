package dev.opsdeck.desktop.port;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.bridge.bench.ServerProcess;
import dev.opsdeck.desktop.app.ConsoleViewModel;
import dev.opsdeck.desktop.app.StatusLine;
import dev.opsdeck.desktop.attention.Alerts;
import dev.opsdeck.desktop.fx.Commands;
import dev.opsdeck.desktop.fx.Pacer;
import dev.opsdeck.desktop.monitoring.LogEntry;
import dev.opsdeck.desktop.settings.Settings;
import dev.opsdeck.desktop.workflow.ChannelViewModel;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Published;
import dev.opsdeck.engine.event.Subscription;
import dev.opsdeck.engine.ticket.Status;
import dev.opsdeck.engine.workflow.Stage;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22, item 7: a joined console whose {@code opsdeck serve} is killed ({@code kill -9}) and started again on the
 * same port and data. The console keeps what it showed (log lines, finished rows, the time to RCA), counts the
 * sign-off the resumed flow asks again for once (and notifies it once), and the cards' figures stay those folded.
 */
class RejoinAfterRestartTest {

    @TempDir
    Path dir;
    private ServerProcess server;
    private Remote remote;
    private Subscription subscription;
    private ConsoleViewModel console;
    private final LinkedBlockingQueue<Published> events = new LinkedBlockingQueue<>();
    private final List<String> notified = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (subscription != null) {
            subscription.close();
        }
        if (remote != null) {
            remote.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private ServerProcess serve(String... more) throws Exception {
        List<String> options = new ArrayList<>(List.of("--data-dir", dir.resolve("server").toString(),
                "--debounce", "0"));
        options.addAll(List.of(more));
        return ServerProcess.start(options, Map.of());
    }

    /** Feeds the console, on this thread, every event up to and including the first that matches. */
    private void feedUntil(String what, Predicate<EngineEvent> until) throws InterruptedException {
        List<Published> fed = new ArrayList<>();
        while (true) {
            Published p = events.poll(60, TimeUnit.SECONDS);
            assertThat(p).as("the stream went quiet before " + what).isNotNull();
            if (p.event() instanceof EngineEvent.Snapshot s) {
                console.apply(fed);
                fed.clear();
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

    private List<String> logLines() {
        return console.monitoring().logs().stream().map(l -> l.service() + ": " + l.message()).toList();
    }

    private ChannelViewModel card(String channelId) {
        return console.workflows().channel(channelId).orElseThrow();
    }

    @Test
    void aRestartedServer_isRejoined_withNothingWipedNothingTwiceAndOneNotification() throws Exception {
        server = serve();
        int port = Integer.parseInt(server.url().replaceAll(".*:(\\d+)/ws$", "$1"));
        remote = Remote.connect(URI.create(server.url()), null);
        console = new ConsoleViewModel(remote, Commands.direct(), Pacer.immediate(), new Alerts() {
            @Override
            public void notify(String title, String body) {
                notified.add(title);
            }

            @Override
            public void sound() {
            }

            @Override
            public void flagTaskbar() {
            }
        }, Settings.Reach.all(), new StatusLine());
        subscription = remote.subscribe("desktop", true, tickets -> events.add(new Published(0, 0,
                new EngineEvent.Snapshot(tickets))), events::addAll);

        feedUntil("the snapshot", e -> e instanceof EngineEvent.Snapshot);
        console.monitoring().inject("storage_io_error");
        feedUntil("the sign-off request", e -> e instanceof EngineEvent.SignOffRequested);
        console.tick(System.currentTimeMillis() / 1000.0);
        assertThat(notified).as("the request is notified").hasSize(1);
        // The fixers post beside the waiting sign-off; once they have, the card stands still until it is answered.
        while (!card("INC-007.remediation").footerProperty().get().contains("pending speakers 1 ")) {
            feedUntil("the fixers' posts", e -> e instanceof EngineEvent.EnvelopePosted p
                    && p.envelope().channelId().equals("INC-007.remediation"));
        }
        int journal = remote.journal("INC-007.remediation").size();

        List<String> logsBefore = logLines();
        assertThat(logsBefore).as("the incident's error lines").isNotEmpty();
        String diagnosisRow = card("INC-007.diagnosis").summary();
        String remediationFooter = card("INC-007.remediation").footerProperty().get();
        assertThat(remediationFooter).doesNotContain("turn 0 /");
        double rca = console.tickets().averageRcaProperty().get();
        assertThat(rca).isNotNaN();

        server.kill();
        feedUntil("the link is said lost", e -> e instanceof EngineEvent.ErrorReported r && r.where().equals("link"));
        assertThat(console.status().textProperty().get()).contains("lost the connection");

        server = serve("--port", String.valueOf(port));
        feedUntil("the link is said back", e -> e instanceof EngineEvent.LogLine l && l.service().equals("link"));
        // The resumed flow asks again for the sign-off it was waiting for (the server's replay is its own, new).
        feedUntil("the request asked again", e -> e instanceof EngineEvent.SignOffRequested);
        console.tick(System.currentTimeMillis() / 1000.0);

        assertThat(console.status().textProperty().get()).as("the status line clears once joined again").isEmpty();
        assertThat(logLines()).as("every line shown before is kept, once, in its place")
                .startsWith(logsBefore.toArray(String[]::new));
        assertThat(logLines().subList(logsBefore.size(), logLines().size()))
                .as("then the loss and the return, and nothing shown before again")
                .doesNotContainAnyElementsOf(logsBefore)
                .anySatisfy(l -> assertThat(l).startsWith("opsdeck: link: lost the connection"))
                .anySatisfy(l -> assertThat(l).startsWith("link: joined 127.0.0.1:" + port + " again"));
        assertThat(console.workflows().finishedChannels(Stage.DIAGNOSIS)).as("the finished diagnosis row stays")
                .extracting(ChannelViewModel::channelId).containsExactly("INC-007.diagnosis");
        assertThat(card("INC-007.diagnosis").summary()).isEqualTo(diagnosisRow);
        assertThat(console.workflows().openChannels(Stage.REMEDIATION)).extracting(ChannelViewModel::channelId)
                .containsExactly("INC-007.remediation");
        assertThat(console.workflows().openProperty(Stage.REMEDIATION).get()).isEqualTo(1);
        assertThat(console.workflows().openProperty(Stage.DIAGNOSIS).get()).isZero();
        assertThat(card("INC-007.remediation").footerProperty().get().replaceAll("elapsed [0-9.]+s · ", ""))
                .as("the card's counters as folded, not from zero")
                .isEqualTo(remediationFooter.replaceAll("elapsed [0-9.]+s · ", ""));
        assertThat(remote.journal("INC-007.remediation")).as("no envelope twice").hasSize(journal);
        assertThat(console.signOff().waiting()).as("one request, not two").hasSize(1);
        assertThat(console.topBar().awaitingProperty().get()).isEqualTo("1");
        assertThat(notified).as("no second notification for the same request").hasSize(1);
        assertThat(console.tickets().rows()).extracting(r -> r.id()).containsExactly("INC-007");
        assertThat(console.tickets().averageRcaProperty().get()).isEqualTo(rca);

        console.signOff().reject();
        // The channel closes first, then the ticket takes the Resolver's status (Flow.close).
        feedUntil("the ticket closed on the restarted server",
                e -> e instanceof EngineEvent.TicketChanged c && c.ticket().status() == Status.NEEDS_FOLLOWUP);
        assertThat(console.workflows().openProperty(Stage.REMEDIATION).get()).isZero();
        assertThat(console.workflows().finishedChannels(Stage.REMEDIATION)).hasSize(1);
        assertThat(console.signOff().waiting()).isEmpty();
        assertThat(console.topBar().awaitingProperty().get()).isEqualTo("0");
    }
}
