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
import picocli.CommandLine.Mixin;
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

    @Mixin
    ConsoleLoadOptions load;

    @Mixin
    ThroughLauncher launcher;

    private Path scratch;

    @Override
    public Integer call() throws Exception {
        scratch = launcher.open("console");
        String loadBefore = BenchFigures.loadAverage();
        train();
        BenchFigures<Double> figures = new BenchFigures<>();
        for (int i = 1; i <= runs; i++) {
            for (boolean cached : new boolean[] {false, true}) {
                String way = cached ? "with_cache" : "without_cache";
                JsonNode run = measure(cached);
                System.err.println("bench console: run " + i + " " + way + ": " + run);
                JsonNode cold = run.path("realistic");
                figures.add("cold_max_pulse_gap_ms", way, cold.path("max_pulse_gap_ms").asDouble());
                figures.add("cold_p99_pulse_gap_ms", way, cold.path("p99_pulse_gap_ms").asDouble());
                figures.add("cold_pulse_gaps_over_50ms", way, cold.path("pulse_gaps_over_50ms").asDouble());
                figures.add("cold_max_fx_cpu_in_a_gap_ms", way, cold.path("max_fx_cpu_in_a_gap_ms").asDouble());
                Matcher jit = JIT.matcher(cold.path("cpu_seconds").asText());
                figures.add("cold_jit_compilers_cpu_s", way, jit.find() ? Double.parseDouble(jit.group(1)) : Double.NaN);
                figures.add("cold_process_cpu_s", way, processCpu(cold.path("cpu_seconds").asText()));
                figures.add("warm_max_pulse_gap_ms", way, run.path("realistic_warm").path("max_pulse_gap_ms").asDouble());
                figures.add("opened_idle_max_pulse_gap_ms", way, run.path("idle_max_pulse_gap_ms").asDouble());
            }
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("bench", "console-startup-cache");
        line.put("runs", runs);
        line.put("realistic_incidents", load.realistic);
        line.put("think_ms", load.thinkMs);
        line.put("java", System.getProperty("java.vm.version"));
        line.put("cores", Runtime.getRuntime().availableProcessors());
        line.put("load_average_before", loadBefore);
        line.put("load_average_after", BenchFigures.loadAverage());
        line.putAll(figures.byFigure());
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
        launcher.awaitConsoleCache();
    }

    private JsonNode measure(boolean cached) throws Exception {
        String out = runWindow(cached, "--realistic", Integer.toString(load.realistic), "--think", Long.toString(load.thinkMs));
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
        List<String> command = new ArrayList<>(List.of("bench", "console-window"));
        command.addAll(List.of(args));
        Process p = launcher.command(cached, command.toArray(String[]::new)).redirectErrorStream(true)
                .redirectOutput(scratch.resolve("window.out").toFile()).start();
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
}
