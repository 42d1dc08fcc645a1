package dev.opsdeck.desktop;

import dev.opsdeck.bridge.bench.BenchAlertsCommand;
import dev.opsdeck.bridge.bench.BenchBridgeCommand;
import dev.opsdeck.bridge.bench.BenchTeamCommand;
import dev.opsdeck.bridge.cli.ServeCommand;
import dev.opsdeck.bridge.cli.SmokeCommand;
import dev.opsdeck.bridge.cli.UsersCommand;
import dev.opsdeck.engine.bench.EngineBenchmark;
import dev.opsdeck.desktop.app.Console;
import dev.opsdeck.desktop.app.StartFailure;
import dev.opsdeck.desktop.app.StartupMarks;
import dev.opsdeck.desktop.bridge.EmbeddedBridge;
import dev.opsdeck.desktop.port.Remote;
import dev.opsdeck.desktop.settings.Settings;
import dev.opsdeck.desktop.settings.SettingsStore;
import dev.opsdeck.engine.EngineConfig;
import dev.opsdeck.engine.cli.CommonOptions;
import dev.opsdeck.engine.cli.DemoCommand;
import dev.opsdeck.engine.cli.ExamCommand;
import dev.opsdeck.engine.cli.RecoverCommand;
import dev.opsdeck.engine.cli.PaceOption;
import dev.opsdeck.desktop.aot.CacheRefusal;
import dev.opsdeck.desktop.bench.ConsoleBench;
import dev.opsdeck.desktop.bench.ConsoleWindowBench;
import dev.opsdeck.desktop.bench.StartupBench;
import dev.opsdeck.desktop.logs.Diagnostics;
import dev.opsdeck.desktop.logs.LogSetup;
import dev.opsdeck.desktop.logs.Logs;
import java.util.List;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code opsdeck}: the one entry point. Without a sub-command it opens the console; {@code demo} runs an incident
 * in the terminal. Kept apart from any JavaFX {@code Application} so it starts from a plain class path.
 */
@Command(name = "opsdeck", mixinStandardHelpOptions = true, version = Diagnostics.VERSION,
        description = "The on-call engineer's operator console, with its bundled incident engine.",
        footer = {"", "Logs: ~/.opsdeck/logs/opsdeck.log (with --data-dir DIR: DIR/logs/opsdeck.log), "
                + Logs.ROTATION + "."})
public final class Launcher implements java.util.concurrent.Callable<Integer> {

    /** A sub-command: the word that names it (its {@code @Command} name) and its class. */
    record Subcommand(String name, Class<?> type) {
    }

    /**
     * The sub-commands, in the order {@code --help} lists them. Registered only when the command line may name one:
     * picocli reads every command's annotations as it registers it, about a third of a second of a cold start that
     * a console does not need. Their names are constants, so that telling the console from them reads no annotation
     * (reading the first one costs a JVM tens of milliseconds, before the toolkit could start).
     */
    static final List<Subcommand> SUBCOMMANDS = List.of(new Subcommand(DemoCommand.NAME, DemoCommand.class),
            new Subcommand(ServeCommand.NAME, ServeCommand.class), new Subcommand(SmokeCommand.NAME, SmokeCommand.class),
            new Subcommand(RecoverCommand.NAME, RecoverCommand.class),
            new Subcommand(ExamCommand.NAME, ExamCommand.class), new Subcommand(UsersCommand.NAME, UsersCommand.class),
            new Subcommand(Bench.NAME, Bench.class));

    @Mixin
    CommonOptions common;

    @Mixin
    PaceOption pace;

    @Option(names = "--connect", paramLabel = "URL",
            description = "Join a running server (./opsdeck serve) instead of running an engine here, e.g. "
                    + "ws://host:8000/ws (default: the server to join in Settings, if any).")
    String connect;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "The server's access token, with --connect (default: $OPSDECK_TOKEN, else Settings').")
    String token;

    @Option(names = "--own-engine",
            description = "Run an engine in this console even when Settings names a server to join.")
    boolean ownEngine;

    @Option(names = "--log-level", paramLabel = "LEVEL", scope = ScopeType.INHERIT,
            description = "error, warn, info, debug or trace: what the log file keeps (default: info), and the "
                    + "terminal shows too when given (else warnings and worse).")
    String logLevel;

    @Option(names = "--log-format", paramLabel = "FORMAT", scope = ScopeType.INHERIT,
            description = "text or json (one JSON object a line, for log shippers), in the log file and on the "
                    + "terminal (default: text).")
    String logFormat;

    public static void main(String[] args) {
        if (namesTheConsole(args)) {
            // The toolkit's start is most of the time to the window: it begins first, beside the command line and
            // the logs, on two cores their work is not added to its own.
            Console.startToolkit();
        }
        CacheRefusal.sayIfRefused(System.err);
        System.exit(run(args));
    }

    /**
     * Whether the command line names the console for sure: no sub-command's name among its words (an option's value
     * that reads as one only costs the early start) and no request for help or the version.
     */
    static boolean namesTheConsole(String... args) {
        for (String arg : args) {
            if (SUBCOMMAND_NAMES.contains(arg) || List.of("-h", "--help", "-V", "--version").contains(arg)) {
                return false;
            }
        }
        return true;
    }

    private static final java.util.Set<String> SUBCOMMAND_NAMES = SUBCOMMANDS.stream().map(Subcommand::name)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    static int run(String... args) {
        boolean console = namesTheConsole(args);
        CommandLine cli = commandLine(!console);
        if (console) {
            // A word the console does not know: told as the whole command line tells it, with its sub-commands (and
            // picocli's "did you mean"), since it may be a sub-command misspelt.
            cli.setParameterExceptionHandler((e, again) -> commandLine(true).execute(again));
        }
        return cli.execute(args);
    }

    private static CommandLine commandLine(boolean withSubcommands) {
        CommandLine cli = new CommandLine(new Launcher());
        if (withSubcommands) {
            SUBCOMMANDS.forEach(sub -> cli.addSubcommand(sub.type()));
        }
        cli.setExecutionStrategy(parsed -> {
            Integer help = CommandLine.executeHelpRequest(parsed);
            if (help != null) {
                return help;
            }
            if (!parsed.hasSubcommand()) {
                // The console (joined or with its own engine): its toolkit comes up while the logs are set up.
                Console.startToolkit();
            }
            LogSetup.start(parsed);
            StartupMarks.mark("command line read, logs started");
            return new CommandLine.RunLast().execute(parsed);
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            StartFailure failure = StartFailure.of(e);
            if (failure.exitCode() != 2) {
                LoggerFactory.getLogger(Launcher.class).error("unexpected failure", e);
            }
            cmd.getErr().println("opsdeck: " + failure.said());
            return failure.exitCode();
        });
        return cli;
    }

    /** {@code opsdeck bench <what>}: the benchmarks, each printing one JSON line. */
    @Command(name = Bench.NAME, mixinStandardHelpOptions = true, description = "Run a benchmark; prints one JSON line.",
            subcommands = {EngineBenchmark.class, BenchBridgeCommand.class, BenchAlertsCommand.class,
                    BenchTeamCommand.class, StartupBench.class, ConsoleBench.class, ConsoleWindowBench.class})
    static final class Bench implements Runnable {
        static final String NAME = "bench";

        @Override
        public void run() {
            new CommandLine(this).usage(System.err);
        }
    }

    /** The server to join: {@code --connect}, else the one saved in Settings, unless {@code --own-engine}; or null. */
    private java.net.URI joining(Settings saved) {
        if (connect != null) {
            try {
                return dev.opsdeck.desktop.port.ServerUrl.parse(connect);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--connect " + e.getMessage());
            }
        }
        if (ownEngine || saved.serverUrl().isBlank()) {
            return null;
        }
        try {
            return dev.opsdeck.desktop.port.ServerUrl.parse(saved.serverUrl());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the server to join in " + new SettingsStore(common.dataDir()).file()
                    + " " + e.getMessage() + "; fix it there, or start with --own-engine");
        }
    }

    @Override
    public Integer call() {
        Settings saved = new SettingsStore(common.dataDir()).load();
        StartupMarks.mark("settings read");
        java.net.URI join = joining(saved);
        if (join != null) {
            // The server's engine, not one of ours: nothing below (model, store, pace, bridge) applies to it.
            String env = System.getenv("OPSDECK_TOKEN");
            String key = token != null ? token : env != null && !env.isBlank() ? env : saved.serverToken();
            Remote server;
            try {
                server = Remote.connect(join, key);
            } catch (IllegalArgumentException e) {
                throw connect != null ? e : new IllegalArgumentException(e.getMessage() + " (the server to join in "
                        + "Settings; start with --own-engine to run an engine here instead)");
            }
            return Console.join(server, common.dataDir());
        }
        // Configured with the engine, after the window shows: a world file or runbook that does not load, or a model
        // option that does not fit, is said there and on the terminal (exit 2), as a store that cannot be opened is.
        return Console.open(() -> engineConfig(saved), common.dataDir(), engine -> {
            engine.remindUnacknowledged(common.ackReminder());
            return new EmbeddedBridge(engine);
        });
    }

    private EngineConfig engineConfig(Settings saved) {
        EngineConfig config = common.config(saved.geminiModel(), saved.prometheusUrl(), saved.databaseUrl());
        config = pace.apply(config);
        return config;
    }
}
