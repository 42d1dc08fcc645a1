package dev.opsdeck.desktop.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.bridge.bench.ServerProcess;
import dev.opsdeck.desktop.x11.ConsoleProcess;
import dev.opsdeck.desktop.x11.XSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code ./opsdeck --connect ws://HOST:PORT/ws}, typed as a user types it: the launcher script in a process of its own,
 * on an X display with a window manager, against {@code opsdeck serve} in another process. The server must count
 * the console among its clients and receive what the console injects (not a private engine of the console's own).
 */
class ConnectCommandIT {

    private static final Duration START = Duration.ofSeconds(90);

    @Test
    void theConsoleStartedWithConnect_joinsTheServer_andItsInjectReachesIt() throws Exception {
        Path dir = Files.createTempDirectory("opsdeck-connect-");
        try (XSession x = XSession.start(1366, 768).withWindowManager();
             ServerProcess server = ServerProcess.start(List.of("--data-dir", dir.resolve("server").toString(),
                     "--debounce", "0"), Map.of());
             ConsoleProcess console = ConsoleProcess.start(List.of("--connect", server.url(), "--data-dir",
                     dir.resolve("console").toString()), x.env(), dir.resolve("console.log"))) {
            assertThat(Http.get(server.url(), "/snapshot").path("tickets").size()).as("no ticket before").isZero();

            // The console's own title, once its scene replaced the splash.
            String window = x.window("^OpsDeck$", START);
            Http.until("the server counts the console as a client", START,
                    () -> Http.get(server.url(), "/healthz").path("clients").asInt() == 1,
                    () -> Http.get(server.url(), "/healthz") + " / console: " + console.output());

            // Ctrl+1 focuses the first inject button; Space presses it.
            x.run("xdotool", "windowactivate", "--sync", window);
            x.run("xdotool", "key", "--clearmodifiers", "ctrl+1", "space");
            Http.until("the server has the ticket the console injected", Duration.ofSeconds(30),
                    () -> Http.get(server.url(), "/snapshot").path("tickets").size() == 1,
                    () -> Http.get(server.url(), "/snapshot") + " / console: " + console.output());
            JsonNode ticket = Http.get(server.url(), "/snapshot").path("tickets").get(0);
            assertThat(ticket.path("id").asText()).startsWith("INC-");
            assertThat(console.alive()).as("the console still runs").isTrue();
        }
    }

    @Test
    void aServerThatIsNotThere_isSaidInOneLine_andTheConsoleDoesNotOpenOnAnEngineOfItsOwn() throws Exception {
        Path dir = Files.createTempDirectory("opsdeck-connect-");
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        try (ConsoleProcess console = ConsoleProcess.start(List.of("--connect", "ws://127.0.0.1:" + port + "/ws",
                "--data-dir", dir.toString()), Map.of(), dir.resolve("console.log"))) {
            assertThat(console.process().waitFor(60, TimeUnit.SECONDS)).as("it ends").isTrue();
            assertThat(console.process().exitValue()).isEqualTo(2);
            List<String> lines = console.output().lines().filter(l -> !l.isBlank()).toList();
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0)).startsWith("opsdeck: cannot join ws://127.0.0.1:" + port + "/ws");
        }
    }

    @Test
    void theServerSavedInSettings_isJoinedByThePlainCommand_andOwnEngineRunsOneHereInstead() throws Exception {
        Path dir = Files.createTempDirectory("opsdeck-connect-");
        try (XSession x = XSession.start(1366, 768).withWindowManager();
             ServerProcess server = ServerProcess.start(List.of("--data-dir", dir.resolve("server").toString(),
                     "--debounce", "0"), Map.of())) {
            saveServerToJoin(dir.resolve("console"), server.url());
            try (ConsoleProcess console = ConsoleProcess.start(List.of("--data-dir", dir.resolve("console").toString()),
                    x.env(), dir.resolve("console.log"))) {
                x.window("^OpsDeck$", START);
                Http.until("the server counts the console as a client", START,
                        () -> Http.get(server.url(), "/healthz").path("clients").asInt() == 1,
                        () -> Http.get(server.url(), "/healthz") + " / console: " + console.output());
                assertThat(console.alive()).isTrue();
            }
            try (ConsoleProcess own = ConsoleProcess.start(List.of("--own-engine", "--data-dir",
                    dir.resolve("console").toString()), x.env(), dir.resolve("own.log"))) {
                x.window("^OpsDeck$", START);
                assertThat(Http.get(server.url(), "/healthz").path("clients").asInt())
                        .as("--own-engine: an engine here, not the saved server").isZero();
            }
        }
    }

    @Test
    void aBadServerSavedInSettings_isSaidInOneLineWithTheWayOut() throws Exception {
        Path dir = Files.createTempDirectory("opsdeck-connect-");
        saveServerToJoin(dir, "http://127.0.0.1:8000/ws");
        try (ConsoleProcess console = ConsoleProcess.start(List.of("--data-dir", dir.toString()), Map.of(),
                dir.resolve("console.log"))) {
            assertThat(console.process().waitFor(60, TimeUnit.SECONDS)).as("it ends").isTrue();
            assertThat(console.process().exitValue()).isEqualTo(2);
            List<String> lines = console.output().lines().filter(l -> !l.isBlank()).toList();
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0)).startsWith("opsdeck: the server to join in " + dir.resolve("console.properties")
                    + " must be ws://HOST:PORT/ws").endsWith("fix it there, or start with --own-engine");
        }
    }

    /** What Settings' OK writes for a server to join. */
    private static void saveServerToJoin(Path dataDir, String url) throws java.io.IOException {
        Files.createDirectories(dataDir);
        dev.opsdeck.desktop.settings.Settings d = dev.opsdeck.desktop.settings.Settings.defaults();
        new dev.opsdeck.desktop.settings.SettingsStore(dataDir).save(new dev.opsdeck.desktop.settings.Settings(
                d.geminiModel(), d.bridgeEnabled(), d.bridgePort(), d.bridgeToken(), d.theme(), d.reach(),
                d.prometheusUrl(), d.databaseUrl(), url, ""));
    }
}
