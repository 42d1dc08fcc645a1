package dev.opsdeck.desktop.settings;

import dev.opsdeck.desktop.files.PropertiesFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps {@link Settings} in {@code console.properties} in the data dir; an unreadable file means defaults. */
public final class SettingsStore {

    private static final Logger log = LoggerFactory.getLogger(SettingsStore.class);

    private final Path file;

    public SettingsStore(Path dataDir) {
        this.file = dataDir.resolve("console.properties");
    }

    public Path file() {
        return file;
    }

    public Settings load() {
        Settings d = Settings.defaults();
        try {
            Optional<Properties> read = new PropertiesFile(file).read();
            if (read.isEmpty()) {
                return d;
            }
            Properties p = read.get();
            return new Settings(
                    p.getProperty("gemini.model", d.geminiModel()),
                    Boolean.parseBoolean(p.getProperty("bridge.enabled", String.valueOf(d.bridgeEnabled()))),
                    Integer.parseInt(p.getProperty("bridge.port", String.valueOf(d.bridgePort()))),
                    p.getProperty("bridge.token", d.bridgeToken()),
                    Settings.Theme.valueOf(p.getProperty("theme", d.theme().name()).toUpperCase(Locale.ROOT)),
                    new Settings.Reach(on(p, "reach.notification"), on(p, "reach.sound"), on(p, "reach.title"),
                            on(p, "reach.taskbar")),
                    p.getProperty("prometheus.url", d.prometheusUrl()),
                    p.getProperty("database.url", d.databaseUrl()),
                    p.getProperty("server.url", d.serverUrl()),
                    p.getProperty("server.token", d.serverToken()));
        } catch (IOException | IllegalArgumentException e) {
            log.warn("could not read {} ({}); using defaults", file, e.toString());
            return d;
        }
    }

    /** A reach setting: on unless the file turns it off (a file from before they existed keeps them all on). */
    private static boolean on(Properties p, String key) {
        return Boolean.parseBoolean(p.getProperty(key, "true"));
    }

    /** Writes atomically, so a crash mid-write never leaves half a file. */
    public void save(Settings s) {
        Properties p = new Properties();
        p.setProperty("gemini.model", s.geminiModel());
        p.setProperty("bridge.enabled", String.valueOf(s.bridgeEnabled()));
        p.setProperty("bridge.port", String.valueOf(s.bridgePort()));
        p.setProperty("bridge.token", s.bridgeToken());
        p.setProperty("theme", s.theme().name().toLowerCase(Locale.ROOT));
        p.setProperty("reach.notification", String.valueOf(s.reach().notification()));
        p.setProperty("reach.sound", String.valueOf(s.reach().sound()));
        p.setProperty("reach.title", String.valueOf(s.reach().title()));
        p.setProperty("reach.taskbar", String.valueOf(s.reach().taskbar()));
        p.setProperty("prometheus.url", s.prometheusUrl());
        p.setProperty("database.url", s.databaseUrl());
        p.setProperty("server.url", s.serverUrl());
        p.setProperty("server.token", s.serverToken());
        try {
            new PropertiesFile(file).write(p, "OpsDeck console settings");
        } catch (IOException e) {
            log.error("could not save settings to {}", file, e);
            throw new IllegalStateException("could not save settings to " + file + ": " + e.getMessage(), e);
        }
    }
}
