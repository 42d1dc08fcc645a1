package dev.opsdeck.desktop.bench;

import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What the console benchmark reads of its own process: the gaps between FX pulses and CPU time by thread. */
final class PulseFigures {

    private PulseFigures() {
    }

    /** The gaps between recorded pulses, each with the FX thread's own CPU time within it. */
    record Gaps(List<long[]> gaps) {

        static Gaps of(List<long[]> pulses) {
            List<long[]> out = new ArrayList<>();
            synchronized (pulses) {
                for (int i = 1; i < pulses.size(); i++) {
                    long[] a = pulses.get(i - 1);
                    long[] b = pulses.get(i);
                    out.add(new long[] {b[0] - a[0], b[1] - a[1], a[0] - pulses.get(0)[0], b[2] - a[2]});
                }
            }
            out.sort((x, y) -> Long.compare(y[0], x[0]));
            return new Gaps(out);
        }

        int count() {
            return gaps.size();
        }

        double maxMs() {
            return gaps.isEmpty() ? Double.NaN : gaps.get(0)[0] / 1e6;
        }

        double percentileMs(double p) {
            return gaps.isEmpty() ? Double.NaN : gaps.get((int) Math.floor((gaps.size() - 1) * (1 - p)))[0] / 1e6;
        }

        /**
         * The most CPU the FX thread itself spent within one gap: the console's own share of its worst frame, which
         * waiting for a core on a busy machine does not inflate.
         */
        double maxFxCpuMs() {
            return gaps.stream().mapToLong(g -> g[1]).max().orElse(0) / 1e6;
        }

        long over(long ms) {
            return gaps.stream().filter(g -> g[0] > ms * 1_000_000L).count();
        }

        /**
         * "gap(fx cpu/wait)@start" of the longest gaps, in ms: a gap the FX thread mostly worked through is its own
         * doing; one it mostly waited through, the machine's; the rest is collector pauses and waiting for the
         * renderer.
         */
        String worst(int n) {
            return gaps.stream().limit(n).map(g -> String.format(Locale.ROOT, "%.0f(%.0f/%.0f)@%.0f", g[0] / 1e6,
                    g[1] / 1e6, g[3] / 1e6, g[2] / 1e6)).collect(Collectors.joining(" "));
        }
    }

    /** CPU time per thread, summed over threads whose names differ only in digits (the turn threads are one). */
    static Map<String, Long> cpuByThreadGroup(ThreadMXBean threads) {
        Map<String, Long> byGroup = new TreeMap<>();
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null) {
                long ns = threads.getThreadCpuTime(t.getThreadId());
                if (ns > 0) {
                    byGroup.merge(t.getThreadName().replaceAll("[0-9]+", "#"), ns, Long::sum);
                }
            }
        }
        return byGroup;
    }

    /**
     * The process's CPU during the burst, the JIT compilers' share of it, then the threads that used more than 50 ms
     * of it, biggest first.
     */
    static String cpuShare(Map<String, Long> before, Map<String, Long> after, long processNanos,
            long jitNanos) {
        String threads = after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 50_000_000L)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .map(e -> String.format(Locale.ROOT, "%s=%.2f", e.getKey(), e.getValue() / 1e9))
                .collect(Collectors.joining(" "));
        // What the named threads do not add up to is the JVM's own: compilers and the collector.
        String jit = jitNanos < 0 ? "" : String.format(Locale.ROOT, " jit_compilers=%.2f", jitNanos / 1e9);
        return String.format(Locale.ROOT, "process=%.2f%s %s", processNanos / 1e9, jit, threads);
    }

    /**
     * CPU time of the JIT's compiler threads, from /proc (Linux; -1 elsewhere): they are not Java threads, so the
     * thread bean does not list them, and in a cold load they compete with the FX thread for the two cores.
     */
    static long jitCpuNanos() {
        java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
        if (tasks == null) {
            return -1;
        }
        long sum = 0;
        for (java.io.File t : tasks) {
            try {
                if (Files.readString(t.toPath().resolve("comm")).contains("CompilerThre")) {
                    sum += Long.parseLong(Files.readString(t.toPath().resolve("schedstat")).trim().split(" ")[0]);
                }
            } catch (java.io.IOException | RuntimeException e) {
                // a thread that ended while listed; go on
            }
        }
        return sum;
    }

    /** The FX thread's schedstat file, found once: the pulse recorder reads it on every pulse. */
    private static volatile Path fxSchedstat;

    /** Nanoseconds the FX thread has spent runnable but waiting for a core, from /proc (Linux); -1 elsewhere. */
    static long fxRunQueueWaitNanos() {
        try {
            if (fxSchedstat == null) {
                fxSchedstat = findFxSchedstat();
            }
            return fxSchedstat == null ? -1
                    : Long.parseLong(Files.readString(fxSchedstat).trim().split(" ")[1]);
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    private static Path findFxSchedstat() {
        java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
        for (java.io.File t : tasks == null ? new java.io.File[0] : tasks) {
            try {
                if (Files.readString(t.toPath().resolve("comm")).startsWith("JavaFX Applicat")) {
                    return t.toPath().resolve("schedstat");
                }
            } catch (java.io.IOException e) {
                // a thread that ended while listed; go on
            }
        }
        return null;
    }
}
