package dev.opsdeck.desktop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code opsdeck bench console}: the console benchmark's loads ({@link ConsoleLoads}) in a console window started by
 * the launcher as a user's console is (its JVM options, its start-up cache), without and with the cache, interleaved;
 * prints every run's line on stderr and one JSON line of the figures side by side on stdout. The console's cache is
 * made first, in a folder of the run's own, by the console's training run as the issue defines it: the console
 * opened, one incident through its sign-off, closed (not timed).
 */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = "The console's pulse gaps under load, without and with the start-up cache (JDK 25), side by "
                + "side; needs a display (xvfb-run); prints one JSON line.")
public final class ConsoleBench implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JIT = Pattern.compile("jit_compilers=([0-9.]+)");

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3", description = "Runs each way (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--realistic", paramLabel = "N", defaultValue = "50",
            description = "Incidents per realistic load (default: ${DEFAULT-VALUE}).")
    int realistic;

    @Option(names = "--think", paramLabel = "MS", defaultValue = "200",
            description = "The model stand-in's time per turn, ms (default: ${DEFAULT-VALUE}).")
    long thinkMs;

    @Option(names = "--launcher", paramLabel = "PATH", defaultValue = "${env:OPSDECK_LAUNCHER}",
            description = "The opsdeck launcher script (default: the one that started this).")
    Path launcher;

    private Path scratch;

    @Override
    public Integer call() throws Exception {
        if (launcher == null) {
            throw new IllegalArgumentException("bench console runs the launcher: start it with ./opsdeck bench console");
        }
        scratch = Files.createTempDirectory("opsdeck-console-bench");
        String loadBefore = StartupBench.loadAverage();
        train();
        Map<String, List<Double>> figures = new LinkedHashMap<>();
        for (int i = 1; i <= runs; i++) {
            for (boolean cached : new boolean[] {false, true}) {
                String way = cached ? "with_cache" : "without_cache";
                JsonNode run = measure(cached);
                System.err.println("bench console: run " + i + " " + way + ": " + run);
                JsonNode cold = run.path("realistic");
                add(figures, "cold_max_pulse_gap_ms", way, cold.path("max_pulse_gap_ms").asDouble());
                add(figures, "cold_p99_pulse_gap_ms", way, cold.path("p99_pulse_gap_ms").asDouble());
                add(figures, "cold_pulse_gaps_over_50ms", way, cold.path("pulse_gaps_over_50ms").asDouble());
                add(figures, "cold_max_fx_cpu_in_a_gap_ms", way, cold.path("max_fx_cpu_in_a_gap_ms").asDouble());
                Matcher jit = JIT.matcher(cold.path("cpu_seconds").asText());
                add(figures, "cold_jit_compilers_cpu_s", way, jit.find() ? Double.parseDouble(jit.group(1)) : Double.NaN);
                add(figures, "cold_process_cpu_s", way, processCpu(cold.path("cpu_seconds").asText()));
                add(figures, "warm_max_pulse_gap_ms", way, run.path("realistic_warm").path("max_pulse_gap_ms").asDouble());
                add(figures, "opened_idle_max_pulse_gap_ms", way, run.path("idle_max_pulse_gap_ms").asDouble());
            }
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("bench", "console-startup-cache");
        line.put("runs", runs);
        line.put("realistic_incidents", realistic);
        line.put("think_ms", thinkMs);
        line.put("java", System.getProperty("java.vm.version"));
        line.put("cores", Runtime.getRuntime().availableProcessors());
        line.put("load_average_before", loadBefore);
        line.put("load_average_after", StartupBench.loadAverage());
        Map<String, Map<String, Object>> byFigure = new LinkedHashMap<>();
        figures.forEach((key, values) -> {
            String figure = key.substring(0, key.indexOf('.'));
            String way = key.substring(key.indexOf('.') + 1);
            Map<String, Object> entry = byFigure.computeIfAbsent(figure, k -> new LinkedHashMap<>());
            entry.put(way, median(values));
            entry.put(way + "_runs", values);
        });
        line.putAll(byFigure);
        System.out.println(JSON.writeValueAsString(line));
        return 0;
    }

    /** The console's training run: opened, one incident through its sign-off, closed; then its cache assembled. */
    private void train() throws Exception {
        System.err.println("bench console: making the console's start-up cache (its training run; not timed)");
        String out = runWindow(true, "--realistic", "1", "--no-warm");
        if (!out.contains("records the start-up cache")) {
            throw new IllegalStateException("the training run did not record the console's start-up cache (a JDK 25 "
                    + "is needed): " + out);
        }
        Path key = scratch.resolve("aot/console.key");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (!Files.exists(key)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the console's start-up cache was not made within 300 s; see "
                        + scratch.resolve("aot/console.training.log"));
            }
            Thread.sleep(200);
        }
    }

    private JsonNode measure(boolean cached) throws Exception {
        String out = runWindow(cached, "--realistic", Integer.toString(realistic), "--think", Long.toString(thinkMs));
        // With the cache, nothing may be said about it: a refusal or a training run would measure something else.
        if (cached && out.contains("start-up cache")) {
            throw new IllegalStateException("the run with the cache did not use it as made: " + out);
        }
        for (String l : out.split("\n")) {
            if (l.startsWith("{\"bench\":\"desktop-console\"")) {
                return JSON.readTree(l);
            }
        }
        throw new IllegalStateException("no figures from the console window: " + out);
    }

    /** Starts {@code opsdeck bench console-window ARGS} through the launcher; its whole output once it ended well. */
    private String runWindow(boolean cached, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "bench", "console-window"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(scratch.resolve("window.out").toFile());
        pb.environment().put("OPSDECK_AOT", cached ? "on" : "off");
        pb.environment().put("OPSDECK_AOT_DIR", scratch.resolve("aot").toString());
        Process p = pb.start();
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("the console window did not end within 600 s");
        }
        String out = Files.readString(scratch.resolve("window.out"), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("the console window ended with " + p.exitValue() + ": " + out);
        }
        return out;
    }

    private static double processCpu(String cpuSeconds) {
        Matcher m = Pattern.compile("process=([0-9.]+)").matcher(cpuSeconds);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private static void add(Map<String, List<Double>> figures, String figure, String way, double value) {
        figures.computeIfAbsent(figure + "." + way, k -> new ArrayList<>()).add(value);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
