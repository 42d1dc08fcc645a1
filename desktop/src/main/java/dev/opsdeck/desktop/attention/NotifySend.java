package dev.opsdeck.desktop.attention;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Freedesktop notifications, as every Linux desktop shows them: the notification server is asked over the session
 * D-Bus who it is ({@code GetServerInformation}, which also starts one the bus knows how to start), and a
 * notification is sent with {@code notify-send}, whose exit says whether it was taken. Blocking: called on the
 * alerts' own thread only.
 */
final class NotifySend {

    private static final Pattern FIRST_STRING = Pattern.compile("['\"]([^'\"]+)['\"]");

    private NotifySend() {
    }

    /** Whether a notification can be shown here, and by whom. */
    static Delivery probe() {
        if (program("notify-send") == null) {
            return Delivery.not("notify-send is missing (install libnotify-bin)");
        }
        List<String> ask;
        if (program("gdbus") != null) {
            ask = List.of("gdbus", "call", "--session", "--timeout", "5", "--dest", "org.freedesktop.Notifications",
                    "--object-path", "/org/freedesktop/Notifications",
                    "--method", "org.freedesktop.Notifications.GetServerInformation");
        } else if (program("dbus-send") != null) {
            ask = List.of("dbus-send", "--session", "--print-reply", "--reply-timeout=5000",
                    "--dest=org.freedesktop.Notifications", "/org/freedesktop/Notifications",
                    "org.freedesktop.Notifications.GetServerInformation");
        } else {
            return Delivery.not("no D-Bus client (gdbus or dbus-send) to find a notification server");
        }
        Result r = run(ask);
        if (r.code() != 0) {
            return Delivery.not("no notification server answers on the session bus (" + firstLine(r.output())
                    + "); start one, e.g. dunst");
        }
        Matcher m = FIRST_STRING.matcher(r.output());
        return Delivery.by(m.find() ? m.group(1) : "the desktop's notification server");
    }

    /** Sends one notification; the result says whether the server took it. */
    static Delivery send(String title, String body, Delivery known) {
        Result r = run(List.of("notify-send", "--app-name=OpsDeck", "--urgency=critical", title, body));
        if (r.code() != 0) {
            return Delivery.not("notify-send failed (exit " + r.code() + ": " + firstLine(r.output()) + ")");
        }
        return known.works() ? known : Delivery.by("the desktop's notification server");
    }

    private record Result(int code, String output) {
    }

    private static Result run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, command.get(0) + " did not answer within 15 s");
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    private static String firstLine(String s) {
        String line = s == null ? "" : s.strip().lines().findFirst().orElse("");
        return line.isEmpty() ? "no message" : line;
    }

    static Path program(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
