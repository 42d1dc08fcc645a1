package dev.opsdeck.bridge.cli;

import dev.opsdeck.bridge.Bridge;
import dev.opsdeck.bridge.BridgeConfig;
import dev.opsdeck.bridge.BridgeException;
import dev.opsdeck.bridge.notify.Notifier;
import dev.opsdeck.bridge.people.Users;
import dev.opsdeck.engine.Engine;
import dev.opsdeck.engine.cli.CommonOptions;
import dev.opsdeck.engine.cli.DurationConverter;
import dev.opsdeck.engine.cli.PaceOption;
import java.io.PrintStream;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code opsdeck serve}: the engine and the bridge with no window, for the React UI and for servers. Runs until
 * Ctrl-C or SIGTERM, then closes every client with a close frame and the store cleanly.
 */
@Command(name = ServeCommand.NAME, mixinStandardHelpOptions = true,
        description = "Serve the engine over WebSocket and HTTP (PROTOCOL.md), with no window.")
public final class ServeCommand implements Callable<Integer> {

    /** The word that names this command (the launcher knows the console from it before any parsing). */
    public static final String NAME = "serve";

    @Mixin
    CommonOptions common;

    @Mixin
    PaceOption pace;

    @Option(names = "--host", paramLabel = "H", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}); anything but loopback needs --token.")
    String host;

    @Option(names = "--port", paramLabel = "P", defaultValue = "8000", description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = {"--http-port", "--hooks-port"}, paramLabel = "P",
            description = "Port of the HTTP API (/api/v1, OpenAPI at /api/v1/openapi.json) and the alert hooks, POST "
                    + "/hooks/alertmanager and /hooks/grafana (default: --port + 1).")
    Integer hooksPort;

    @Option(names = "--token", paramLabel = "T", defaultValue = "${env:OPSDECK_TOKEN}",
            description = "Access token for every endpoint but /healthz (default: $OPSDECK_TOKEN, else none).")
    String token;

    @Option(names = "--users", paramLabel = "FILE",
            description = "A users file (users: [{name, token: \"sha256:HEX\"}], see ./opsdeck users add): each "
                    + "person's own token names them on every act; refused if its group or others may write it.")
    java.nio.file.Path usersFile;

    @Option(names = "--notify-webhook", paramLabel = "URL",
            description = "POST a JSON notification (Slack-style \"text\" plus the event) here when a sign-off is "
                    + "asked, a SEV1 opens or a ticket closes; retried with back-off; failures in /healthz; in a team "
                    + "each is sent once, whichever servers have the option (repeatable).")
    List<String> webhooks = new ArrayList<>();

    @Option(names = "--allow-origin", paramLabel = "O",
            description = "A browser origin allowed besides http://localhost:* and http://127.0.0.1:* (repeatable; * allows any).")
    List<String> origins = new ArrayList<>();

    @Option(names = "--allow-host", paramLabel = "NAME",
            description = "With no token, a name requests may be addressed to besides localhost, 127.0.0.1 and [::1] (repeatable).")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--write-coalesce", paramLabel = "DURATION", converter = DurationConverter.ZeroAllowed.class,
            description = "While events queue up, how long the writer gathers more before one write per client "
                    + "(default: 2ms; 0: never). An event that finds the writer idle goes out at once.")
    Duration coalesce;

    private final PrintStream out;

    public ServeCommand() {
        this(System.out);
    }

    public ServeCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws InterruptedException {
        BridgeConfig config = BridgeConfig.defaults().withHost(host).withPort(port).withToken(token)
                .withAllowedOrigins(origins).withAllowedHosts(hosts)
                .withUsers(usersFile == null ? Users.none() : Users.load(usersFile))
                .withHooksPort(hooksPort == null ? BridgeConfig.HOOKS_NEXT_PORT : hooksPort);
        config = coalesce == null ? config : config.withCoalesce(coalesce);
        config.validate(); // before the store is opened: a refusal costs nothing
        Engine engine = Engine.start(pace.apply(common.config()));
        engine.remindUnacknowledged(common.ackReminder());
        Bridge bridge;
        try {
            bridge = Bridge.start(engine, config);
        } catch (BridgeException e) {
            engine.close();
            System.err.println("opsdeck: " + e.getMessage());
            return 2;
        }
        Notifier notifier;
        try {
            notifier = webhooks.isEmpty() ? null : Notifier.start(engine, webhooks);
        } catch (IllegalArgumentException e) {
            bridge.close();
            engine.close();
            throw e;
        }
        if (notifier != null) {
            bridge.healthExtras(() -> java.util.Map.of("notify_failures", notifier.failures(), "notify_taken_over",
                    notifier.takenOver()));
        }
        // A live process with a dead port helps no one: exit non-zero and let the supervisor start a fresh one (the
        // store is durable; flows resume).
        bridge.onListenerLost(() -> new Thread(() -> {
            System.err.println("opsdeck: the listening socket closed (out of file descriptors?); exiting so that a"
                    + " supervisor can restart the server");
            System.exit(1);
        }, "opsdeck-exit").start());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("opsdeck: shutting down: closing " + bridge.clients() + " client(s) and the store");
            if (notifier != null) {
                notifier.close();
            }
            bridge.close();
            engine.close();
            stopped.countDown();
        }, "opsdeck-shutdown"));
        out.println("OpsDeck bridge · " + bridge.url() + " · " + bridge.httpUrl() + "/healthz · alert hooks: "
                + bridge.hooksUrl() + "/alertmanager, /grafana · API: " + bridge.apiUrl() + " · reasoning: "
                + engine.reasoning() + " · data: " + engine.storeName() + (config.hasToken() ? " · token required" : "")
                + (config.users().isEmpty() ? "" : " · " + config.users().size() + " user(s)"));
        out.println("Ctrl-C to stop.");
        out.flush();
        stopped.await();
        return 0;
    }
}
