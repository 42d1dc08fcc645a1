package dev.opsdeck.desktop.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code opsdeck bench startup}: starts, through the launcher as a user does, {@code serve} (until its ready line),
 * {@code demo} (one incident to its end) and, with a display, the console (until its window shows and until it is
 * ready), without and with the start-up cache, interleaved; prints one JSON line with each figure's median and
 * every run. The caches are made first, in a folder of the run's own (their training is not timed).
 */
@Command(name = "startup", mixinStandardHelpOptions = true,
        description = "Start-up times without and with the start-up cache (JDK 25), side by side; prints one JSON line.")
public final class StartupBench implements Callable<Integer> {

    private static final Pattern SERVE_READY = Pattern.compile("^OpsDeck bridge · ");
    private static final Pattern WINDOW = Pattern.compile("window shown (\\d+) ms after the JVM started");
    private static final Pattern READY = Pattern.compile("console ready (\\d+) ms after the JVM started");

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5", description = "Runs of each, each way (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--console", description = "Also the console (needs a display, e.g. under xvfb-run).")
    boolean console;

    @Mixin
    ThroughLauncher launcher;

    private Path scratch;

    @Override
    public Integer call() throws Exception {
        scratch = launcher.open("startup");
        String loadBefore = BenchFigures.loadAverage();
        BenchFigures<Long> figures = new BenchFigures<>();
        // Make the caches and warm the file system's cache; not timed.
        for (boolean cached : new boolean[] {false, true}) {
            serveReady(cached);
            demo(cached);
            if (console) {
                consoleTimes(cached);
            }
        }
        if (console) {
            launcher.awaitConsoleCache();
        }
        for (int i = 0; i < runs; i++) {
            for (boolean cached : new boolean[] {false, true}) {
                String way = cached ? "with_cache" : "without_cache";
                figures.add("serve_ready_ms", way, serveReady(cached));
                figures.add("demo_total_ms", way, demo(cached));
                if (console) {
                    long[] times = consoleTimes(cached);
                    figures.add("console_window_ms", way, times[0]);
                    figures.add("console_ready_ms", way, times[1]);
                }
            }
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("bench", "startup");
        line.put("runs", runs);
        line.put("java", System.getProperty("java.vm.version"));
        line.put("cores", Runtime.getRuntime().availableProcessors());
        line.put("load_average_before", loadBefore);
        line.put("load_average_after", BenchFigures.loadAverage());
        line.putAll(figures.byFigure());
        System.out.println(new ObjectMapper().writeValueAsString(line));
        return 0;
    }

    /** From the launcher's start to serve's ready line, ms. */
    private long serveReady(boolean cached) throws Exception {
        Process p = start(cached, "serve", "--pace", "0", "--port", "0", "--hooks-port", "0", "--data-dir", data("serve"));
        long started = System.nanoTime();
        try {
            Lines out = new Lines(p);
            out.await(SERVE_READY, "serve's ready line");
            out.drain();
            return (System.nanoTime() - started) / 1_000_000;
        } finally {
            stop(p);
        }
    }

    /** From the launcher's start to the end of one demo incident (approved), ms. */
    private long demo(boolean cached) throws Exception {
        Process p = start(cached, "demo", "--incident", "web_5xx", "--decision", "approve", "--data-dir", data("demo"));
        long started = System.nanoTime();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            stop(p);
            throw new IllegalStateException("demo did not end well (" + (p.isAlive() ? "still running" : "exit " + p.exitValue()) + ")");
        }
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** From the launcher's start to the console's window shown, and to the console ready in it, ms. */
    private long[] consoleTimes(boolean cached) throws Exception {
        Process p = start(cached, "--pace", "0", "--log-level", "info", "--data-dir", data("console"));
        long started = System.nanoTime();
        try {
            Lines out = new Lines(p);
            out.await(WINDOW, "the console's window");
            long window = (System.nanoTime() - started) / 1_000_000;
            out.await(READY, "the console ready");
            out.drain();
            return new long[] {window, (System.nanoTime() - started) / 1_000_000};
        } finally {
            stop(p);
        }
    }

    private Process start(boolean cached, String... args) throws IOException {
        return launcher.command(cached, args).redirectErrorStream(true).start();
    }

    private String data(String what) throws IOException {
        return Files.createDirectories(scratch.resolve("data-" + what)).toString();
    }

    /**
     * A process's output, read through one reader: a line awaited later may already sit in its buffer (a reader
     * per wait, or a drain started too early, lost the console's ready line).
     */
    private static final class Lines {
        private final BufferedReader out;
        private final List<String> seen = new ArrayList<>();

        Lines(Process p) {
            out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        }

        void await(Pattern pattern, String what) throws IOException {
            for (String line; (line = out.readLine()) != null; ) {
                if (pattern.matcher(line).find()) {
                    return;
                }
                seen.add(line);
            }
            throw new IllegalStateException("no " + what + " before the process ended: " + String.join(" | ", seen));
        }

        /** Keeps reading in the background so the process never blocks on a full pipe. */
        void drain() {
            Thread drain = new Thread(() -> {
                try {
                    out.transferTo(java.io.Writer.nullWriter());
                } catch (IOException e) {
                    // the process ended
                }
            }, "bench-drain");
            drain.setDaemon(true);
            drain.start();
        }
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }
}
