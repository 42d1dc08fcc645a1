package dev.opsdeck.bridge.people;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Refuses a file that its group or others may write, or whose folder they may (unless the folder is sticky, as
 * {@code /tmp} is): the rule the runbook loader applies, for the users file, whose writer can make themselves anyone.
 */
final class OwnerOnly {

    private OwnerOnly() {
    }

    static void check(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such users file (./opsdeck users add NAME --users "
                    + file + " makes one)");
        }
        int mode = mode(file);
        if ((mode & 0022) != 0) {
            throw new IllegalArgumentException(file + ": refused: it is writable by " + who(mode) + " (chmod go-w "
                    + file + ")");
        }
        Path dir = file.toAbsolutePath().getParent();
        int dirMode = mode(dir);
        if ((dirMode & 0022) != 0 && (dirMode & 01000) == 0) {
            throw new IllegalArgumentException(file + ": refused: its folder " + dir + " is writable by " + who(dirMode)
                    + " (chmod go-w " + dir + ")");
        }
    }

    private static int mode(Path p) {
        try {
            return (Integer) Files.getAttribute(p, "unix:mode");
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalArgumentException(p + ": cannot read its permissions (" + e.getMessage() + ")");
        }
    }

    private static String who(int mode) {
        return (mode & 0020) != 0 && (mode & 0002) != 0 ? "group and others" : (mode & 0020) != 0 ? "its group" : "others";
    }
}
