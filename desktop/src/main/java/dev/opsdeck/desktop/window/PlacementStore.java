package dev.opsdeck.desktop.window;

import dev.opsdeck.desktop.files.PropertiesFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps the window's last {@link Placement} in {@code window.properties} in the data dir; unreadable means none. */
public final class PlacementStore {

    private static final Logger log = LoggerFactory.getLogger(PlacementStore.class);

    private final PropertiesFile file;

    public PlacementStore(Path dataDir) {
        this.file = new PropertiesFile(dataDir.resolve("window.properties"));
    }

    public Optional<Placement> load() {
        try {
            return file.read().map(p -> new Placement(number(p, "x"), number(p, "y"), number(p, "width"),
                    number(p, "height"), Boolean.parseBoolean(p.getProperty("maximized"))));
        } catch (IOException | RuntimeException e) {
            log.warn("could not read {} ({}); the window opens on the primary screen", file.path(), e.toString());
            return Optional.empty();
        }
    }

    private static double number(Properties p, String key) {
        return Double.parseDouble(p.getProperty(key));
    }

    /** Best effort: a window that cannot remember its place still closes. */
    public void save(Placement at) {
        Properties p = new Properties();
        p.setProperty("x", String.valueOf(at.x()));
        p.setProperty("y", String.valueOf(at.y()));
        p.setProperty("width", String.valueOf(at.width()));
        p.setProperty("height", String.valueOf(at.height()));
        p.setProperty("maximized", String.valueOf(at.maximized()));
        try {
            file.write(p, "OpsDeck console window");
        } catch (IOException e) {
            log.warn("could not save the window's place to {}: {}", file.path(), e.toString());
        }
    }
}
