package dev.opsdeck.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** The launcher tells the console from a sub-command by the sub-commands' name constants, before any parsing. */
class LauncherSubcommandsTest {

    @Test
    void eachNameIsTheOneItsCommandIsCalledBy() {
        for (Launcher.Subcommand sub : Launcher.SUBCOMMANDS) {
            assertEquals(sub.type().getAnnotation(Command.class).name(), sub.name(), sub.type().getName());
        }
        assertEquals(7, Launcher.SUBCOMMANDS.stream().map(Launcher.Subcommand::name).distinct().count());
    }

    @Test
    void theConsoleIsNamedByOptionsAloneAndNotByHelpOrASubcommand() {
        assertTrue(Launcher.namesTheConsole());
        assertTrue(Launcher.namesTheConsole("--pace", "0", "--data-dir", "/tmp/x"));
        assertFalse(Launcher.namesTheConsole("serve", "--port", "8000"));
        assertFalse(Launcher.namesTheConsole("--data-dir", "/tmp/x", "demo"));
        assertFalse(Launcher.namesTheConsole("bench", "startup"));
        assertFalse(Launcher.namesTheConsole("--version"));
        assertFalse(Launcher.namesTheConsole("-h"));
    }
}
