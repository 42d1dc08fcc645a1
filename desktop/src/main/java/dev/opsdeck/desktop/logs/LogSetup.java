package dev.opsdeck.desktop.logs;

import ch.qos.logback.classic.Level;
import dev.opsdeck.desktop.settings.Settings;
import dev.opsdeck.desktop.settings.SettingsStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Starts the logs for the command a user typed: its data dir, {@code --log-level} and {@code --log-format} (options
 * every sub-command inherits from the root), with every secret the command line, environment and settings hold.
 */
public final class LogSetup {

    private LogSetup() {
    }

    public static void start(ParseResult parsed) {
        String levelName = last(parsed, "--log-level");
        Level level = Level.INFO;
        if (levelName != null) {
            level = Level.toLevel(levelName.toUpperCase(Locale.ROOT), null);
            if (level == null) {
                throw new CommandLine.ParameterException(parsed.commandSpec().commandLine(),
                        "--log-level must be one of error, warn, info, debug, trace (got " + levelName + ")");
            }
        }
        String formatName = last(parsed, "--log-format");
        Logs.Format format = Logs.Format.TEXT;
        if (formatName != null) {
            try {
                format = Logs.Format.valueOf(formatName.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(parsed.commandSpec().commandLine(),
                        "--log-format must be text or json (got " + formatName + ")");
            }
        }
        String dir = last(parsed, "--data-dir");
        Path dataDir = dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".opsdeck");
        List<String> given = new ArrayList<>();
        given.add(last(parsed, "--token"));
        given.add(last(parsed, "--database"));
        Settings saved = new SettingsStore(dataDir).load();
        given.add(saved.bridgeToken());
        given.add(saved.databaseUrl());
        List<String> secrets = Secrets.of(System.getenv(), Path.of("").toAbsolutePath(), dataDir, given);
        // The terminal keeps to warnings unless a level was asked for: a person's terminal is not the log file.
        Logs.start(dataDir, level, levelName != null ? level : Level.WARN, format, secrets, System.err);
    }

    /** The value of an option on the command or the sub-command that names it last, else null. */
    private static String last(ParseResult parsed, String option) {
        String value = null;
        for (ParseResult at = parsed; at != null; at = at.subcommand()) {
            if (at.hasMatchedOption(option)) {
                value = String.valueOf(at.matchedOptionValue(option, (Object) null));
            }
        }
        return value;
    }
}
