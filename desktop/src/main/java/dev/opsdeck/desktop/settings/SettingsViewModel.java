package dev.opsdeck.desktop.settings;

import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The settings form: edits a copy, validates the port, and on save persists and applies. */
public final class SettingsViewModel {

    private final SettingsStore store;
    private final Map<String, String> env;
    private final Consumer<Settings> apply;
    private final ReadOnlyObjectWrapper<Settings> current;
    private final StringProperty model = new SimpleStringProperty();
    private final BooleanProperty bridgeEnabled = new SimpleBooleanProperty();
    private final StringProperty port = new SimpleStringProperty();
    private final StringProperty token = new SimpleStringProperty();
    private final ObjectProperty<Settings.Theme> theme = new SimpleObjectProperty<>();
    private final BooleanProperty notify = new SimpleBooleanProperty();
    private final BooleanProperty sound = new SimpleBooleanProperty();
    private final BooleanProperty title = new SimpleBooleanProperty();
    private final BooleanProperty taskbar = new SimpleBooleanProperty();
    private final StringProperty prometheus = new SimpleStringProperty();
    private final StringProperty database = new SimpleStringProperty();
    private final StringProperty server = new SimpleStringProperty();
    private final StringProperty serverToken = new SimpleStringProperty();
    private final StringBinding error = Bindings.createStringBinding(this::validate, port, model, prometheus,
            database, server);
    /** The server this console joined at start, or null when it runs an engine of its own. */
    private final ObjectProperty<java.net.URI> joined = new SimpleObjectProperty<>();
    private final StringBinding runsOn = Bindings.createStringBinding(this::runsOn, joined, server);

    private final javafx.beans.property.ReadOnlyStringWrapper delivery = new javafx.beans.property.ReadOnlyStringWrapper(
            "Desktop notifications: not checked yet");
    private final javafx.beans.property.ReadOnlyBooleanWrapper delivers = new javafx.beans.property.ReadOnlyBooleanWrapper();

    /** @param apply told of saved settings (theme, bridge) */
    public SettingsViewModel(SettingsStore store, Map<String, String> env, Consumer<Settings> apply) {
        this.store = store;
        this.env = env;
        this.apply = apply;
        this.current = new ReadOnlyObjectWrapper<>(store.load());
        revert();
    }

    /** Puts the saved values back in the form. */
    public void revert() {
        Settings s = current.get();
        model.set(s.geminiModel());
        bridgeEnabled.set(s.bridgeEnabled());
        port.set(String.valueOf(s.bridgePort()));
        token.set(s.bridgeToken());
        theme.set(s.theme());
        notify.set(s.reach().notification());
        sound.set(s.reach().sound());
        title.set(s.reach().title());
        taskbar.set(s.reach().taskbar());
        prometheus.set(s.prometheusUrl());
        database.set(s.databaseUrl());
        server.set(s.serverUrl());
        serverToken.set(s.serverToken());
    }

    private String validate() {
        try {
            int p = Integer.parseInt(port.get().trim());
            if (p < 0 || p > 65535) {
                return "port must be between 0 and 65535";
            }
        } catch (NumberFormatException e) {
            return "port must be a number, like 8000";
        }
        if (model.get() == null || model.get().isBlank()) {
            return "model is required, like " + Settings.DEFAULT_MODEL;
        }
        String url = prometheus.get() == null ? "" : prometheus.get().trim();
        if (!url.isEmpty() && !url.matches("https?://[^\\s/]+(/\\S*)?")) {
            return "Prometheus URL must be http(s)://host:port, like http://127.0.0.1:9090 (or empty)";
        }
        String db = database.get() == null ? "" : database.get().trim();
        if (!db.isEmpty()) {
            try {
                dev.opsdeck.engine.store.DatabaseUrl.parse(db);
            } catch (RuntimeException e) {
                return "Database " + e.getMessage().replaceFirst("^--database ", "");
            }
        }
        String join = server.get() == null ? "" : server.get().trim();
        if (!join.isEmpty()) {
            try {
                dev.opsdeck.desktop.port.ServerUrl.parse(join);
            } catch (IllegalArgumentException e) {
                return "Server to join " + e.getMessage() + " (or empty for an engine here)";
            }
        }
        return "";
    }

    /** Persists and applies the form; false (with {@link #errorProperty()} saying why) when it is invalid. */
    public boolean save() {
        if (!error.get().isEmpty()) {
            return false;
        }
        Settings s = new Settings(model.get().trim(), bridgeEnabled.get(), Integer.parseInt(port.get().trim()),
                token.get().trim(), theme.get(),
                new Settings.Reach(notify.get(), sound.get(), title.get(), taskbar.get()),
                prometheus.get() == null ? "" : prometheus.get().trim(),
                database.get() == null ? "" : database.get().trim(),
                server.get() == null ? "" : server.get().trim(),
                serverToken.get() == null ? "" : serverToken.get().trim());
        store.save(s);
        current.set(s);
        apply.accept(s);
        return true;
    }

    /**
     * Which model keys are set and where each was read from (the environment, or a {@code .env} in the working
     * directory or the data dir, as the engine reads them); never a key itself.
     */
    public String keyPresence() {
        return dev.opsdeck.engine.cli.ReasoningSetup.keyPresence(env, java.nio.file.Path.of("").toAbsolutePath(),
                store.file().getParent()).orElse("none set (the top bar says which reasoning is in use)");
    }

    /** Where the settings are kept. */
    public java.nio.file.Path file() {
        return store.file();
    }

    /** For a bug report: the version, the saved settings (secrets masked), the key's presence, the log's last lines. */
    public String diagnostics() {
        return dev.opsdeck.desktop.logs.Diagnostics.of(current.get(), keyPresence(), store.file().getParent());
    }

    /** The log file of the same data dir, shown so that a person can find it for a bug report. */
    public java.nio.file.Path logFile() {
        return dev.opsdeck.desktop.logs.Logs.file(store.file().getParent());
    }

    public ReadOnlyObjectProperty<Settings> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public Settings current() {
        return current.get();
    }

    public StringProperty modelProperty() {
        return model;
    }

    public BooleanProperty bridgeEnabledProperty() {
        return bridgeEnabled;
    }

    public StringProperty portProperty() {
        return port;
    }

    public StringProperty tokenProperty() {
        return token;
    }

    public ObjectProperty<Settings.Theme> themeProperty() {
        return theme;
    }

    public BooleanProperty notifyProperty() {
        return notify;
    }

    public BooleanProperty soundProperty() {
        return sound;
    }

    public BooleanProperty titleProperty() {
        return title;
    }

    public BooleanProperty taskbarProperty() {
        return taskbar;
    }

    public StringProperty databaseProperty() {
        return database;
    }

    public StringProperty prometheusProperty() {
        return prometheus;
    }

    public StringProperty serverProperty() {
        return server;
    }

    public StringProperty serverTokenProperty() {
        return serverToken;
    }

    /** Where this console's incidents run, told by the shell at start: the server joined, or null for its own engine. */
    public void runningOn(java.net.URI joinedServer) {
        joined.set(joinedServer);
    }

    /** Where the incidents run now, and what the form would change at the next start: said, never implied. */
    public StringBinding runsOnProperty() {
        return runsOn;
    }

    private String runsOn() {
        java.net.URI now = joined.get();
        String field = server.get() == null ? "" : server.get().trim();
        String said = now != null
                ? "Now joined to " + now + ": the incidents run on that server, not in this console."
                : "Now running its own engine, in this console: nobody else sees its incidents.";
        if (field.equals(now == null ? "" : now.toString())) {
            return said;
        }
        return said + (field.isEmpty() ? " From the next start: an engine of its own."
                : " From the next start: joins " + field + ".") + " (--connect or --own-engine at start overrule it.)";
    }

    public StringBinding errorProperty() {
        return error;
    }

    /** What the console found out about desktop notifications: whether they can be shown here, and by whom or why not. */
    public void notificationDelivery(boolean works, String said) {
        delivers.set(works);
        delivery.set(works ? "Desktop notifications: " + said : "Desktop notifications cannot be shown here: " + said);
    }

    public javafx.beans.property.ReadOnlyStringProperty deliveryProperty() {
        return delivery.getReadOnlyProperty();
    }

    public javafx.beans.property.ReadOnlyBooleanProperty deliversProperty() {
        return delivers.getReadOnlyProperty();
    }
}
