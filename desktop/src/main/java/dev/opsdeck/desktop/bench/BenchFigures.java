package dev.opsdeck.desktop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The start-up benchmarks' figures: each run's value per figure and way, reported as the median and every run. */
final class BenchFigures<T extends Comparable<T>> {

    private final Map<String, List<T>> values = new LinkedHashMap<>();

    /** One run's value of {@code figure}, measured {@code way} ({@code without_cache}, {@code with_cache}). */
    void add(String figure, String way, T value) {
        values.computeIfAbsent(figure + "." + way, k -> new ArrayList<>()).add(value);
    }

    /** {@code figure: {way: median, way_runs: [...]}}, in the order the figures were first added. */
    Map<String, Map<String, Object>> byFigure() {
        Map<String, Map<String, Object>> byFigure = new LinkedHashMap<>();
        values.forEach((key, runs) -> {
            String figure = key.substring(0, key.indexOf('.'));
            String way = key.substring(key.indexOf('.') + 1);
            Map<String, Object> entry = byFigure.computeIfAbsent(figure, k -> new LinkedHashMap<>());
            entry.put(way, runs.stream().sorted().toList().get(runs.size() / 2));
            entry.put(way + "_runs", runs);
        });
        return byFigure;
    }

    /**
     * The machine's load (1, 5, 15 min) from /proc/loadavg, or "unknown": figures taken on a shared machine are read
     * with it.
     */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
