package dev.opsdeck.desktop.x11;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real X display for a test, as a user's desktop has one: an Xvfb screen of a chosen size, optionally with the
 * openbox window manager on it (and a session D-Bus), and the X tools (xdotool, xprop) to look at and drive the
 * windows from outside, as a person would. When a binary is missing the test is skipped saying so, unless
 * {@code OPSDECK_REQUIRE_DISPLAY} is set (CI sets it: .ci/run installs the packages), when it fails.
 */
public final class XSession implements AutoCloseable {

    private final List<Process> processes = new ArrayList<>();
    private final String display;
    private final Map<String, String> env = new HashMap<>();

    private final Path framebuffer;

    private XSession(Process xvfb, String display, Path framebufferDir) {
        processes.add(xvfb);
        this.display = display;
        this.framebuffer = framebufferDir.resolve("Xvfb_screen0");
        env.put("DISPLAY", display);
    }

    /** Skips (or, under {@code OPSDECK_REQUIRE_DISPLAY}, fails) the calling test when a program is missing. */
    public static void require(String... programs) {
        for (String p : programs) {
            if (which(p) == null) {
                String reason = p + " is not installed (apt-get install -y xvfb xauth openbox xdotool x11-utils dunst"
                        + " libnotify-bin dbus-bin libgtk-3-0)";
                if (System.getenv("OPSDECK_REQUIRE_DISPLAY") != null) {
                    Assertions.fail(reason + " (OPSDECK_REQUIRE_DISPLAY is set: CI must run this test)");
                }
                Assumptions.abort(reason);
            }
        }
    }

    static Path which(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** An Xvfb screen of {@code width}×{@code height} on a display number the server picks itself. */
    public static XSession start(int width, int height) throws IOException {
        require("Xvfb", "xdotool", "xprop");
        // -displayfd: the server writes its display number once it accepts clients, so there is nothing to poll.
        // -fbdir: the screen's picture is kept in a file there, which screenshot() turns into a PNG.
        Path fb = Files.createTempDirectory("opsdeck-xvfb-");
        Process x = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", width + "x" + height + "x24",
                "-fbdir", fb.toString(), "-nolisten", "tcp").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String n = new BufferedReader(new InputStreamReader(x.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (n == null) {
            x.destroyForcibly();
            throw new IOException("Xvfb ended before it gave a display number");
        }
        return new XSession(x, ":" + n.trim(), fb);
    }

    /** Starts openbox on this display and returns once it manages windows (its start-up command has run). */
    public XSession withWindowManager() throws IOException {
        try {
            return startWindowManager();
        } catch (IOException | RuntimeException | Error e) {
            close(); // the caller's try-with-resources never got this session to close
            throw e;
        }
    }

    private XSession startWindowManager() throws IOException {
        require("openbox");
        Process wm = start(List.of("openbox", "--sm-disable", "--startup", "echo managing"), false);
        BufferedReader out = new BufferedReader(new InputStreamReader(wm.getInputStream(), StandardCharsets.UTF_8));
        List<String> said = new ArrayList<>();
        for (String line; (line = out.readLine()) != null; ) {
            if (line.equals("managing")) {
                drain(out);
                return this;
            }
            said.add(line); // its notes (a missing menu file) say nothing about windows
        }
        throw new IOException("openbox did not start on " + display + ": " + String.join(" | ", said));
    }

    /** A session bus on this display's environment (for a notification server and the console). */
    public XSession withSessionBus() throws IOException {
        try {
            return startSessionBus();
        } catch (IOException | RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private XSession startSessionBus() throws IOException {
        require("dbus-daemon");
        Process bus = start(List.of("dbus-daemon", "--session", "--nofork", "--print-address=1"), false);
        String address = new BufferedReader(new InputStreamReader(bus.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        if (address == null || address.isBlank()) {
            throw new IOException("dbus-daemon gave no address");
        }
        env.put("DBUS_SESSION_BUS_ADDRESS", address.trim());
        return this;
    }

    /** Keeps reading a program's output so it never blocks on a full pipe. */
    private static void drain(BufferedReader out) {
        Thread t = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // nothing to keep
                }
            } catch (IOException ended) {
                // the program is gone
            }
        }, "x-session-output");
        t.setDaemon(true);
        t.start();
    }

    public String display() {
        return display;
    }

    /**
     * The screen as it is now, as {@code desktop/target/screenshots/wm/NAME.png} (a person looks at these; nothing
     * is compared): @return the file written
     */
    public Path screenshot(String name) throws IOException, InterruptedException {
        Path png = ConsoleProcess.home().resolve("desktop/target/screenshots/wm").resolve(name + ".png");
        // A window the toolkit has mapped but not painted yet is one flat colour: wait (a while) for its picture.
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos(); // a loaded machine paints late
        while (!ScreenFile.toPng(framebuffer, png) && System.nanoTime() < end) {
            TimeUnit.MILLISECONDS.sleep(200); // polling the screen's file: nothing to wait on from outside
        }
        return png;
    }

    /** DISPLAY (and the session bus, when started) for a process of this session. */
    public Map<String, String> env() {
        return Map.copyOf(env);
    }

    /** Starts a program of this session; it is ended with the session. */
    public Process start(List<String> command, boolean discardOutput) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        if (discardOutput) {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        pb.environment().putAll(env);
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    /** Runs an X tool to its end and returns what it printed; a failure says what it printed. */
    public String run(String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out.trim());
        }
        return out;
    }

    /** The first visible window whose title matches {@code titleRegex}, waiting up to {@code within} for it. */
    public String window(String titleRegex, Duration within) throws IOException, InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (true) {
            // xdotool's --sync would wait forever; a bounded wait says what was missing instead.
            ProcessBuilder pb = new ProcessBuilder("xdotool", "search", "--onlyvisible", "--name", titleRegex);
            pb.environment().putAll(env);
            Process p = pb.redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor();
            if (p.exitValue() == 0 && !out.isEmpty()) {
                return out.lines().findFirst().orElseThrow();
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("no window titled /" + titleRegex + "/ on " + display + " within "
                        + within.toSeconds() + " s");
            }
            TimeUnit.MILLISECONDS.sleep(100); // polling the X server: there is no event to wait on from outside
        }
    }

    /** Waits until no visible window's title matches {@code titleRegex}. */
    public void gone(String titleRegex, Duration within) throws IOException, InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (true) {
            ProcessBuilder pb = new ProcessBuilder("xdotool", "search", "--onlyvisible", "--name", titleRegex);
            pb.environment().putAll(env);
            Process p = pb.redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor();
            if (out.isEmpty() || p.exitValue() != 0) {
                return;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("the window titled /" + titleRegex + "/ is still there after "
                        + within.toSeconds() + " s");
            }
            TimeUnit.MILLISECONDS.sleep(100); // polling the X server, as above
        }
    }

    /** A window's place on the screen with its frame (title bar and borders): x, y, width, height. */
    public int[] frame(String window) throws IOException, InterruptedException {
        String info = run("xwininfo", "-id", window);
        int[] client = {field(info, "Absolute upper-left X:"), field(info, "Absolute upper-left Y:"),
                field(info, "Width:"), field(info, "Height:")};
        // left, right, top, bottom: what the window manager draws around the client
        String extents = run("xprop", "-id", window, "_NET_FRAME_EXTENTS");
        if (!extents.contains("=")) {
            return client;
        }
        String[] e = extents.replaceAll(".*=", "").trim().split("\\s*,\\s*");
        int left = Integer.parseInt(e[0]), right = Integer.parseInt(e[1]), top = Integer.parseInt(e[2]),
                bottom = Integer.parseInt(e[3]);
        return new int[] {client[0] - left, client[1] - top, client[2] + left + right, client[3] + top + bottom};
    }

    private static int field(String info, String name) {
        return info.lines().map(String::trim).filter(l -> l.startsWith(name))
                .map(l -> Integer.parseInt(l.substring(name.length()).trim())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + info));
    }

    /** The window manager's work area (the screen less its panels): x, y, width, height. */
    public int[] workArea() throws IOException, InterruptedException {
        String[] v = run("xprop", "-root", "_NET_WORKAREA").replaceAll(".*=", "").trim().split("\\s*,\\s*");
        return new int[] {Integer.parseInt(v[0]), Integer.parseInt(v[1]), Integer.parseInt(v[2]),
                Integer.parseInt(v[3])};
    }

    /** A window's frame-less geometry on the screen: x, y, width, height. */
    public int[] geometry(String window) throws IOException, InterruptedException {
        Map<String, Integer> g = new HashMap<>();
        for (String line : run("xdotool", "getwindowgeometry", "--shell", window).split("\n")) {
            String[] kv = line.split("=");
            if (kv.length == 2 && List.of("X", "Y", "WIDTH", "HEIGHT").contains(kv[0])) {
                g.put(kv[0], Integer.parseInt(kv[1].trim()));
            }
        }
        return new int[] {g.get("X"), g.get("Y"), g.get("WIDTH"), g.get("HEIGHT")};
    }

    /** The window manager's state atoms of a window ({@code _NET_WM_STATE}), e.g. MAXIMIZED_VERT, HIDDEN. */
    public String state(String window) throws IOException, InterruptedException {
        return run("xprop", "-id", window, "_NET_WM_STATE");
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try {
            Files.deleteIfExists(framebuffer);
            Files.deleteIfExists(framebuffer.getParent());
        } catch (IOException e) {
            // a leftover in the temporary folder; nothing a test depends on
        }
    }
}
