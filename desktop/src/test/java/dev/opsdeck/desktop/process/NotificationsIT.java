package dev.opsdeck.desktop.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.bridge.bench.ServerProcess;
import dev.opsdeck.bridge.client.WireClient;
import dev.opsdeck.desktop.x11.ConsoleProcess;
import dev.opsdeck.desktop.x11.XSession;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * How a sign-off reaches an operator whose console is minimised, on a real desktop: Xvfb, openbox, a session D-Bus
 * and a notification server (dunst), the console joined to {@code opsdeck serve}. What reaches the notification
 * server is read off the bus ({@code dbus-monitor}); what the window manager sees, with {@code xprop}. Without a
 * notification server the console says so instead of pretending.
 */
class NotificationsIT {

    private static final Duration START = Duration.ofSeconds(90);

    @Test
    void aSignOff_isOneNotificationPerRequest_andTheUrgencyHint_withoutRaisingTheWindow() throws Exception {
        Path dir = Files.createTempDirectory("opsdeck-notify-");
        try (XSession x = XSession.start(1366, 768).withWindowManager().withSessionBus()) {
            XSession.require("dunst", "gdbus", "dbus-monitor", "notify-send");
            x.start(List.of("dunst"), true);
            x.run("gdbus", "wait", "--session", "--timeout", "30", "org.freedesktop.Notifications");
            List<String> notified = monitorNotifications(x);
            try (ServerProcess server = ServerProcess.start(List.of("--data-dir", dir.resolve("server").toString(),
                    "--debounce", "0", "--signoff-deadline", "10m"), Map.of());
                 ConsoleProcess console = ConsoleProcess.start(List.of("--connect", server.url(), "--data-dir",
                         dir.resolve("console").toString()), x.env(), dir.resolve("console.log"))) {
                String window = x.window("^OpsDeck$", START);
                x.run("xdotool", "windowminimize", "--sync", window);

                // Someone else on the team injects: the sign-off arrives while this console is minimised.
                try (WireClient other = WireClient.connect(URI.create(server.url()))) {
                    other.send("{\"type\":\"inject\",\"incident\":\"web_5xx\"}");
                    Http.until("the notification server is told of the sign-off", START,
                            () -> notified.stream().anyMatch(n -> n.contains("Sign-off needed: INC-")),
                            () -> notified + " / console: " + console.output());
                    Http.until("the window's urgency hint is set", Duration.ofSeconds(20),
                            () -> x.run("xprop", "-id", window, "WM_HINTS").contains("urgency"),
                            () -> x.run("xprop", "-id", window, "WM_HINTS"));
                    assertThat(x.state(window)).as("still minimised: the console does not raise itself")
                            .contains("_NET_WM_STATE_HIDDEN");

                    other.send("{\"type\":\"inject\",\"incident\":\"storage_disk_offline\"}");
                    Http.until("the second request is told", START,
                            () -> notified.stream().filter(n -> n.contains("Sign-off")).count() >= 2,
                            () -> notified + " / console: " + console.output());
                }
                List<String> signOffs = notified.stream().filter(n -> n.contains("Sign-off")).toList();
                assertThat(signOffs).as("one notification per request").hasSize(2);
                assertThat(signOffs.get(0)).isNotEqualTo(signOffs.get(1));
                assertThat(console.output()).doesNotContain("cannot be shown");
            }
        }
    }

    @Test
    void withNoNotificationServer_theConsoleSaysSo() throws Exception {
        Path dir = Files.createTempDirectory("opsdeck-notify-");
        try (XSession x = XSession.start(1366, 768).withWindowManager();
             ServerProcess server = ServerProcess.start(List.of("--data-dir", dir.resolve("server").toString()),
                     Map.of());
             ConsoleProcess console = ConsoleProcess.start(List.of("--connect", server.url(), "--data-dir",
                     dir.resolve("console").toString()), x.env(), dir.resolve("console.log"))) {
            x.window("^OpsDeck$", START);
            Http.until("the console says notifications cannot be shown", START,
                    () -> console.output().contains("desktop notifications cannot be shown"),
                    console::output);
        }
    }

    /** The Notify calls on the session bus, each as the text dbus-monitor prints of it (title and body included). */
    private static List<String> monitorNotifications(XSession x) throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        Process monitor = x.start(List.of("dbus-monitor", "--session",
                "type='method_call',interface='org.freedesktop.Notifications',member='Notify'"), false);
        BufferedReader out = new BufferedReader(new InputStreamReader(monitor.getInputStream(),
                StandardCharsets.UTF_8));
        // It prints its own NameAcquired/NameLost signals first: once read, it is monitoring.
        String first = out.readLine();
        assertThat(first).as("dbus-monitor started").isNotNull();
        Thread reader = new Thread(() -> {
            StringBuilder call = null;
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("method call") || line.startsWith("signal") || line.startsWith("method return")) {
                        if (call != null) {
                            calls.add(call.toString());
                        }
                        call = line.startsWith("method call") && line.contains("member=Notify")
                                ? new StringBuilder(line) : null;
                    } else if (call != null) {
                        call.append('\n').append(line);
                        if (line.contains("int32 -1") || line.trim().startsWith("int32")) {
                            calls.add(call.toString()); // the timeout: the call's last argument
                            call = null;
                        }
                    }
                }
            } catch (java.io.IOException ended) {
                // the bus is gone with the session
            }
        }, "dbus-monitor");
        reader.setDaemon(true);
        reader.start();
        return calls;
    }
}
