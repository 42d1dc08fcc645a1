package dev.opsdeck.desktop.monitoring;

import dev.opsdeck.desktop.fx.Commands;
import dev.opsdeck.desktop.port.ConsolePort;
import dev.opsdeck.engine.InjectResult;
import dev.opsdeck.engine.Injection;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Level;
import dev.opsdeck.engine.world.Incident;
import dev.opsdeck.engine.world.World;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

/**
 * The monitored estate: systems, their injectable incidents (each with a short cooldown after a click), the
 * simulation switch, and the live log stream (the newest {@link #MAX_LINES} lines).
 */
public final class MonitoringViewModel {

    static final int MAX_LINES = 400;
    static final Duration COOLDOWN = Duration.ofMillis(2500);

    private final ConsolePort engine;
    private final Commands commands;
    private final Map<String, String> errorLineToIssue = new HashMap<>();
    private final ObservableList<LogEntry> logs = FXCollections.observableArrayList();
    private final ObservableSet<String> cooling = FXCollections.observableSet();
    // Read-only views made once: a wrapper listens to its source weakly, so one made per call could be collected
    // together with the listeners a view added to it.
    private final ObservableList<LogEntry> logsView = FXCollections.unmodifiableObservableList(logs);
    private final ObservableSet<String> coolingView = FXCollections.unmodifiableObservableSet(cooling);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final javafx.beans.property.BooleanProperty errorsOnly = new javafx.beans.property.SimpleBooleanProperty();
    private final javafx.collections.transformation.FilteredList<LogEntry> shownLogs =
            new javafx.collections.transformation.FilteredList<>(logs);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    public MonitoringViewModel(ConsolePort engine, Commands commands) {
        this.engine = engine;
        this.commands = commands;
        for (Incident i : engine.world().incidents()) {
            for (String line : i.errorLogs()) {
                errorLineToIssue.put(i.system() + "|" + line, i.issue());
            }
        }
        running.set(engine.simulationRunning());
        errorsOnly.addListener((o, was, on) -> shownLogs.setPredicate(on ? l -> l.hit() || l.level() == Level.ERROR
                : null));
    }

    public World world() {
        return engine.world();
    }

    public List<Incident> incidentsOf(String systemId) {
        return engine.world().incidents().stream().filter(i -> i.system().equals(systemId)).toList();
    }

    /**
     * Applies a batch's log lines at once. Past {@link #MAX_LINES} the oldest ambient lines go first: an incident's
     * error lines stay reachable however many ambient lines stream in after them.
     */
    public void logs(List<LogEntry> lines) {
        if (lines.isEmpty()) {
            return;
        }
        List<LogEntry> keep = lines.size() > MAX_LINES ? lines.subList(lines.size() - MAX_LINES, lines.size()) : lines;
        int overflow = logs.size() + keep.size() - MAX_LINES;
        if (overflow > 0) {
            List<LogEntry> all = new java.util.ArrayList<>(logs);
            all.addAll(keep);
            List<LogEntry> ambient = all.stream().filter(l -> !l.hit() && l.level() != Level.ERROR).toList();
            java.util.Set<LogEntry> drop = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            drop.addAll(ambient.subList(0, Math.min(overflow, ambient.size())));
            for (int i = 0; drop.size() < overflow && i < all.size(); i++) {
                drop.add(all.get(i));
            }
            all.removeIf(drop::contains);
            logs.setAll(all);
            return;
        }
        logs.addAll(keep);
    }

    public LogEntry entry(EngineEvent.LogLine line, double ts) {
        return new LogEntry(ts, line.service(), line.level(), line.message(),
                errorLineToIssue.get(line.service() + "|" + line.message()));
    }

    public void simState(boolean on) {
        running.set(on);
    }

    public void reset() {
        logs.clear();
    }

    /** Injects a catalogue incident; its button cools down for a moment so a double click opens one ticket. */
    public void inject(String key) {
        if (!cooling.add(key)) {
            return;
        }
        commands.run("Injecting " + key, () -> engine.inject(Injection.of(key)), this::report, message::set);
        commands.later(COOLDOWN, () -> cooling.remove(key));
    }

    public void injectCustom(Injection injection) {
        commands.run("Injecting the custom incident", () -> engine.inject(injection), this::report, message::set);
    }

    private void report(InjectResult r) {
        message.set(r.accepted() ? "Opened " + r.ticketId() + " (" + r.incident() + ")"
                : "Not injected: " + r.reason());
    }

    /** Starts or stops the ambient log lines, nothing else: the tickets and the board stay as they are. */
    public void toggleSimulation() {
        boolean start = !running.get();
        commands.run(start ? "Starting the simulation" : "Stopping the simulation", () -> {
            if (start) {
                engine.resumeSimulation();
            } else {
                engine.stopSimulation();
            }
            return start;
        }, on -> { }, message::set);
    }

    /**
     * A clean board: flows cancelled, tickets archived (kept, browsable under Archived…), the log cleared. The view
     * asks the operator first.
     */
    public void resetBoard() {
        commands.run("Resetting the board", () -> {
            engine.reset();
            return null;
        }, nothing -> message.set("Board reset: earlier tickets are archived (Tickets › Archived…)"), message::set);
    }

    public ObservableList<LogEntry> logs() {
        return logsView;
    }

    /** The lines the log shows: all, or with {@link #errorsOnlyProperty()} only errors and incident lines. */
    public ObservableList<LogEntry> shownLogs() {
        return shownLogs;
    }

    public javafx.beans.property.BooleanProperty errorsOnlyProperty() {
        return errorsOnly;
    }

    /** Incident keys whose inject button is cooling down. */
    public ObservableSet<String> cooling() {
        return coolingView;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The outcome of the last inject, for the status line. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
