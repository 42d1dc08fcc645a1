package dev.opsdeck.desktop.app;

import dev.opsdeck.desktop.attention.DesktopAlerts;
import dev.opsdeck.desktop.bridge.BridgeControl;
import dev.opsdeck.desktop.fx.BackgroundCommands;
import dev.opsdeck.desktop.fx.Cadence;
import dev.opsdeck.desktop.fx.FxHop;
import dev.opsdeck.desktop.monitoring.CustomIncidentDialog;
import dev.opsdeck.desktop.monitoring.CustomIncidentViewModel;
import dev.opsdeck.desktop.monitoring.MonitoringView;
import dev.opsdeck.desktop.settings.Settings;
import dev.opsdeck.desktop.settings.SettingsDialog;
import dev.opsdeck.desktop.settings.SettingsStore;
import dev.opsdeck.desktop.settings.SettingsViewModel;
import dev.opsdeck.desktop.signoff.SignOffView;
import dev.opsdeck.desktop.tickets.ArchiveDialog;
import dev.opsdeck.desktop.tickets.TicketDetailView;
import dev.opsdeck.desktop.tickets.TicketsView;
import dev.opsdeck.desktop.topbar.TopBarView;
import dev.opsdeck.desktop.workflow.WorkflowsView;
import dev.opsdeck.desktop.port.ConsolePort;
import dev.opsdeck.engine.event.Subscription;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: wires the engine, the one FX hop, the ViewModels and the views into a scene, and takes it
 * all down again. The app and the UI tests both build the console through this.
 */
public final class ConsoleShell {

    private static final Logger log = LoggerFactory.getLogger(ConsoleShell.class);

    private static final Duration PACE = Duration.ofMillis(150);

    private final ConsolePort engine;
    private final BridgeControl bridge;
    private final FxHop hop;
    private final BackgroundCommands commands;
    private final ConsoleViewModel console;
    private final SettingsViewModel settings;
    private final DesktopAlerts alerts;
    private final StatusLine status = new StatusLine();
    private Timeline clock;
    private final CountDownLatch closed = new CountDownLatch(1);
    private Subscription subscription;
    private Scene scene;

    public ConsoleShell(ConsolePort engine, Path dataDir, BridgeControl bridge, Map<String, String> env) {
        this.engine = engine;
        this.bridge = bridge;
        // The hop's sink reads the field at call time: the console needs the commands, which need the hop.
        this.hop = new FxHop(this::apply);
        this.commands = new BackgroundCommands(hop, status::error);
        this.settings = new SettingsViewModel(new SettingsStore(dataDir), env, this::applySettings);
        settings.runningOn(engine.joined().orElse(null));
        this.alerts = new DesktopAlerts(this::window, found -> hop.post(() -> delivery(found)));
        // The table, the log, the cards, the finished rows and the sign-off panel take turns, one per pulse, each at
        // most every PACE: a burst then costs each frame one of these redraws instead of all of them (see Cadence).
        this.console = new ConsoleViewModel(engine, commands, new Cadence(PACE), alerts,
                settings.current().reach(), status);
    }

    /** Builds the window's scene and starts listening to the engine. Call on the FX thread. */
    public Scene createScene(double width, double height) {
        Settings s = settings.current();
        console.topBar().reasoning(engine.reasoning());
        console.topBar().server(engine.name());
        engine.onPresence(now -> hop.post(() -> console.topBar().people(now, engine.user())));
        bridge.onStatus(status -> hop.post(() -> console.topBar().bridge(status)));
        console.topBar().bridge(bridge.status());

        BorderPane root = new BorderPane();
        root.setTop(new TopBarView(console.topBar(), this::openSettings).createView());

        // The sign-off sits beside the rails it concerns and takes room only while there is one. It scrolls inside
        // itself: with four requests waiting it asked for more height than a 768-pixel screen has, and took it all
        // from the tickets table.
        javafx.scene.Node signOffPanel = new SignOffView(console.signOff()).createView();
        javafx.scene.control.ScrollPane signOff = new javafx.scene.control.ScrollPane(signOffPanel);
        signOff.setId("signoff-scroll");
        signOff.getStyleClass().add("signoff-scroll");
        signOff.setFitToWidth(true);
        signOff.setFitToHeight(true);
        signOff.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        signOff.setMinWidth(374);
        signOff.setPrefWidth(414);
        signOff.setMaxWidth(434);
        signOff.setMinHeight(0);
        signOff.visibleProperty().bind(signOffPanel.visibleProperty());
        signOff.managedProperty().bind(signOffPanel.visibleProperty());
        Region workflows = (Region) new WorkflowsView(console.workflows()).createView();
        HBox.setHgrow(workflows, Priority.ALWAYS);
        HBox top = new HBox(workflows, signOff);
        top.getStyleClass().add("workflow-area");

        Region detail = (Region) new TicketDetailView(console.detail()).createView();
        // A fixed least width: computed, it grew with the selected ticket's text and moved the table's edge under
        // the cursor at every selection.
        detail.setMinWidth(280);
        SplitPane bottom = new SplitPane(new TicketsView(console.tickets(), console::selectTicket, this::openArchive).createView(),
                detail);
        bottom.setDividerPositions(0.66);

        SplitPane centre = new SplitPane(top, bottom);
        centre.setOrientation(Orientation.VERTICAL);
        centre.setDividerPositions(0.5);

        Region monitoring = (Region) new MonitoringView(console.monitoring(), this::customDialog).createView();
        // The split panes size their parts by the dividers; left to compute the parts' minimum sizes, they walked
        // every wrapped label and card beneath on each layout, which during a burst is every pulse. (Not the
        // workflow area: its minimum keeps the sign-off panel's buttons on screen.)
        for (Region part : List.of(bottom, monitoring)) {
            part.setMinHeight(0);
        }
        // The tickets keep room for five rows whatever the sign-off panel holds; the rails above give way first.
        bottom.setMinHeight(TicketsView.MIN_HEIGHT);
        top.setMinHeight(0);
        // The tabs take the width the sign-off panel leaves (they grow), rather than being measured card by card.
        workflows.setMinWidth(0);
        workflows.setPrefWidth(0);
        SplitPane columns = new SplitPane(monitoring, centre);
        columns.setDividerPositions(0.22);
        // Its buttons and the log's head stay whole; the centre gives way first.
        monitoring.setMinWidth(350);
        SplitPane.setResizableWithParent(columns.getItems().get(0), false);
        root.setCenter(columns);
        root.setBottom(new StatusView(console.status()).createView());

        scene = new Scene(root, width, height);
        scene.getStylesheets().setAll(Theme.stylesheets(s.theme()));
        console.detail().lightProperty().set(s.theme() == Settings.Theme.LIGHT);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.I, KeyCombination.SHORTCUT_DOWN),
                () -> customDialog().showAndWait().ifPresent(console.monitoring()::injectCustom));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN),
                this::openSettings);
        Shortcuts.install(scene);

        // The console's one clock: countdowns, arming-free deadline warnings. Never paces the event stream.
        clock = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1),
                e -> console.tick(System.currentTimeMillis() / 1000.0)));
        clock.setCycleCount(Timeline.INDEFINITE);
        clock.play();
        alerts.probe();
        subscription = engine.subscribe("desktop", true, tickets -> hop.post(() -> console.snapshot(tickets)), hop);
        if (s.bridgeEnabled()) {
            commands.run("Starting the bridge", () -> {
                bridge.start(s.bridgePort(), s.bridgeToken());
                return null;
            }, nothing -> { }, failure -> { });
        }
        return scene;
    }

    private CustomIncidentDialog customDialog() {
        return new CustomIncidentDialog(window(), new CustomIncidentViewModel(), scene.getStylesheets());
    }

    private void openArchive() {
        commands.run("Reading the archived tickets", engine::archivedTickets,
                archived -> new ArchiveDialog(window(), archived, scene.getStylesheets()).show(), failure -> { });
    }

    private void openSettings() {
        new SettingsDialog(window(), settings, scene.getStylesheets()).showAndWait();
    }

    private Window window() {
        return scene == null ? null : scene.getWindow();
    }

    private void applySettings(Settings s) {
        if (scene != null) {
            scene.getStylesheets().setAll(Theme.stylesheets(s.theme()));
        }
        console.detail().lightProperty().set(s.theme() == Settings.Theme.LIGHT);
        console.attention().reach(s.reach());
        commands.run("Restarting the bridge", () -> {
            if (s.bridgeEnabled()) {
                bridge.stop();
                bridge.start(s.bridgePort(), s.bridgeToken());
            } else {
                bridge.stop();
            }
            return null;
        }, nothing -> { }, failure -> { });
    }

    /** What the alerts found out about desktop notifications: said in Settings, and a failure on the status line. */
    private void delivery(dev.opsdeck.desktop.attention.Delivery found) {
        settings.notificationDelivery(found.works(), found.said());
        if (!found.works() && settings.current().reach().notification()) {
            status.error("Desktop notifications cannot be shown here: " + found.said()
                    + ". Sign-offs still show in the panel and the window title (Settings, Ctrl+,).");
        }
    }

    private void apply(java.util.List<dev.opsdeck.engine.event.Published> batch) {
        console.apply(batch);
    }

    public ConsoleViewModel console() {
        return console;
    }

    public FxHop hop() {
        return hop;
    }

    /** The window's title: the count of sign-offs waiting, when that is on in Settings. */
    public javafx.beans.property.ReadOnlyStringProperty titleProperty() {
        return console.attention().titleProperty();
    }


    /**
     * Stops listening and shuts the bridge and the engine down, off the FX thread (closing the engine waits for
     * its turns to finish). {@link #awaitClosed} waits for it.
     */
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
        if (clock != null) {
            clock.stop();
        }
        alerts.close();
        hop.close();
        commands.close();
        Thread t = new Thread(() -> {
            try {
                bridge.close();
            } catch (RuntimeException e) {
                log.warn("bridge did not stop cleanly: {}", e.toString());
            }
            try {
                engine.close();
            } catch (RuntimeException e) {
                log.warn("engine did not close cleanly: {}", e.toString());
            } finally {
                closed.countDown();
            }
        }, "opsdeck-shutdown");
        t.start();
    }

    public boolean awaitClosed(long seconds) throws InterruptedException {
        return closed.await(seconds, TimeUnit.SECONDS);
    }
}
