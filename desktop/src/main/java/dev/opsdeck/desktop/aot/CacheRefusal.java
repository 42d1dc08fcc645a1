package dev.opsdeck.desktop.aot;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Says in one line when the JVM refused the start-up cache the launcher gave it (../aot.sh), instead of its own
 * multi-line warnings or a silent slow start, and drops the cache's key so that the next start makes it again.
 * The launcher sends the JVM's cache messages to the file named by {@code opsdeck.aot.refused}.
 */
public final class CacheRefusal {

    private CacheRefusal() {
    }

    public static void sayIfRefused(PrintStream err) {
        String refused = System.getProperty("opsdeck.aot.refused");
        String key = System.getProperty("opsdeck.aot.key");
        if (refused == null) {
            return;
        }
        Optional<String> said = reason(Path.of(refused));
        try {
            // Read once: the file is this start's alone.
            Files.deleteIfExists(Path.of(refused));
        } catch (IOException e) {
            err.println("opsdeck: cannot remove " + refused + " (" + e.getMessage() + ")");
        }
        said.ifPresent(reason -> {
            err.println("opsdeck: the JVM refused the start-up cache (" + reason + "); starting without it, it is made"
                    + " again at the next start");
            try {
                if (key != null) {
                    Files.deleteIfExists(Path.of(key));
                }
            } catch (IOException e) {
                err.println("opsdeck: cannot remove " + key + " (" + e.getMessage() + "); remove it by hand");
            }
        });
    }

    /** The JVM's first message about the cache, without its level tag; empty when it had nothing to say. */
    static Optional<String> reason(Path file) {
        List<String> lines;
        try {
            lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            return Optional.empty();
        }
        return lines.stream().map(l -> l.replaceFirst("^\\[[a-z ]*\\]\\s*", "").strip()).filter(l -> !l.isEmpty())
                .findFirst();
    }
}
