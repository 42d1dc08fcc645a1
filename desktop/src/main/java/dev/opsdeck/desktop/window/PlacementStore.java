package dev.opsdeck.desktop.window;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps the window's last {@link Placement} in {@code window.properties} in the data dir; unreadable means none. */
public final class PlacementStore {

    private static final Logger log = LoggerFactory.getLogger(PlacementStore.class);

    private final Path file;

    public PlacementStore(Path dataDir) {
        this.file = dataDir.resolve("window.properties");
    }

    public Optional<Placement> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
            return Optional.of(new Placement(number(p, "x"), number(p, "y"), number(p, "width"),
                    number(p, "height"), Boolean.parseBoolean(p.getProperty("maximized"))));
        } catch (IOException | RuntimeException e) {
            log.warn("could not read {} ({}); the window opens on the primary screen", file, e.toString());
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
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "OpsDeck console window");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("could not save the window's place to {}: {}", file, e.toString());
        }
    }
}
