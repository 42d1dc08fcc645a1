package dev.opsdeck.desktop.ui;

import static dev.opsdeck.desktop.ui.ConsoleFixture.fx;

import dev.opsdeck.desktop.app.ConsoleShell;
import dev.opsdeck.desktop.bridge.UnavailableBridge;
import dev.opsdeck.engine.Engine;
import dev.opsdeck.engine.EngineConfig;
import dev.opsdeck.engine.Injection;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Published;
import dev.opsdeck.engine.event.Subscription;
import dev.opsdeck.engine.flow.Texts;
import dev.opsdeck.engine.reasoning.Reasoner;
import dev.opsdeck.engine.reasoning.Reply;
import dev.opsdeck.engine.reasoning.TurnRequest;
import dev.opsdeck.engine.reasoning.offline.OfflineRules;
import dev.opsdeck.engine.world.Incident;
import dev.opsdeck.engine.world.World;
import dev.opsdeck.engine.world.WorldLoader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javafx.animation.AnimationTimer;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console benchmark (prints figures, asserts nothing), two loads on one open console, every sign-off
 * auto-approved, one JSON line on stdout:
 * <ul>
 * <li><b>realistic</b>: 50 incidents at once with a model stand-in that takes 200 ms per turn (the rules after a
 * wait, as a model call waits on the network). The console's target: no FX pulse gap over 50 ms.</li>
 * <li><b>stress</b>: 1,000 incidents at once on the bare offline rules, CPU-bound on every core: reported as it is.</li>
 * </ul>
 * For each: the longest gaps between FX pulses, events the FX hop applied per second, and the CPU by thread; then
 * the heap with every ticket in the table. {@code max_fx_cpu_in_a_gap_ms} is the most CPU the FX thread itself spent
 * within one gap: on a machine shared with other work a gap is mostly waiting for a core, and this is the console's
 * own share of its worst frame. Run with a flight recording (see {@link PulseGap}) to see what the FX thread did in
 * the long gaps: each gap over 30 ms and each load is an event in it. {@code mvn -q -pl desktop -am -Pbench verify}; the JVM runs with the
 * console's own options ({@code desktop/console.jvmopts}) and the engine's default turn pool.
 *
 * <p>Knobs: {@code -Dbench.realistic=N} (50), {@code -Dbench.think=MS} (200), {@code -Dbench.incidents=N} (1000).
 */
@Tag("bench")
@ExtendWith(ApplicationExtension.class)
class ConsoleBenchTest {

    private static final int REALISTIC = Integer.getInteger("bench.realistic", 50);
    private static final long THINK_MS = Long.getLong("bench.think", 200);
    private static final int INCIDENTS = Integer.getInteger("bench.incidents", 1000);

    private Engine engine;
    private ConsoleShell shell;
    private Subscription approver;
    private StandIn standIn;
    /**
     * Per pulse: its time, the FX thread's CPU time then (how much of a gap the FX thread itself worked) and its
     * run-queue wait so far (how much of a gap it waited for a core; -1 where /proc does not tell).
     */
    private final List<long[]> pulses = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean recording;
    private final AtomicInteger approvals = new AtomicInteger();

    /** The offline rules after a think time, as a model call waits on the network; the time can change between loads. */
    private static final class StandIn implements Reasoner {
        private final OfflineRules rules;
        private volatile long thinkMs;

        StandIn(World world) {
            this.rules = new OfflineRules(world);
        }

        @Override
        public String name() {
            return "stand-in";
        }

        @Override
        public Reply think(TurnRequest request) {
            if (thinkMs > 0) {
                try {
                    Thread.sleep(thinkMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return rules.think(request);
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        Path dir = Files.createTempDirectory("opsdeck-bench-");
        World world = benchWorld();
        standIn = new StandIn(world);
        engine = Engine.start(EngineConfig.defaults(dir).withWorld(world).withReasoner(standIn)
                .withMaxFlows((INCIDENTS + 2 * REALISTIC) * 2).withDebounce(Duration.ofMillis(1)));
        shell = new ConsoleShell(new dev.opsdeck.desktop.port.InProcess(engine), dir, new UnavailableBridge(), Map.of());
        stage.setScene(shell.createScene(1560, 960));
        stage.show();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        new AnimationTimer() {
            private PulseGap gap;

            @Override
            public void handle(long now) {
                if (recording) {
                    pulses.add(new long[] {now, threads.getCurrentThreadCpuTime(), fxRunQueueWaitNanos()});
                }
                if (gap != null) {
                    gap.end();
                    gap.recording = recording;
                    gap.commit();
                }
                gap = new PulseGap();
                gap.begin();
            }
        }.start();
    }

    /**
     * The bundled world plus copies of its catalogue incidents, each with its own issue key: every one runs the
     * whole pipeline (faults found, remediation, sign-off) and none is a duplicate.
     */
    private static World benchWorld() {
        World w = WorldLoader.bundled();
        List<Incident> all = new ArrayList<>(w.incidents());
        for (int i = 0; i < INCIDENTS + 2 * REALISTIC; i++) {
            Incident base = w.incidents().get(i % 2);
            String issue = base.issue() + "_b" + i;
            all.add(new Incident("bench_" + i, base.system(), issue, base.sev(), base.title(), base.errorLogs(),
                    base.kickoff().replace(base.issue(), issue), base.description(), base.hosts(), base.probes(),
                    base.remediation()));
        }
        return new World(w.systems(), w.ambientLogs(), all, w.probes(), w.playbooks());
    }

    @AfterEach
    void stop() throws InterruptedException {
        approver.close();
        WaitForAsyncUtils.asyncFx(shell::close);
        shell.awaitClosed(30);
    }

    @Test
    void realisticLoad_thenStressBurst_withAutoApproval() throws Exception {
        // The operator's stand-in: approves every sign-off the moment it is asked for.
        approver = engine.subscribe("bench-approver", batch -> {
            for (Published p : batch) {
                if (p.event() instanceof EngineEvent.SignOffRequested r
                        && engine.answer(r.channelId(), Texts.APPROVE, "bench").accepted()) {
                    approvals.incrementAndGet();
                }
            }
        });
        // Baseline: the open console's pulses for two idle seconds.
        recording = true;
        WaitForAsyncUtils.sleep(2, TimeUnit.SECONDS);
        recording = false;
        Gaps idle = Gaps.of(pulses);
        pulses.clear();

        standIn.thinkMs = THINK_MS;
        String realistic = measure("realistic", 0, REALISTIC);
        // The same load again on the console that has now run it once (its code compiled, its cells made).
        String realisticWarm = measure("realistic_warm", REALISTIC, REALISTIC);
        standIn.thinkMs = 0;
        String stress = measure("stress", 2 * REALISTIC, INCIDENTS);

        int inTable = fx(() -> shell.console().tickets().rows().size());
        String statuses = fx(() -> shell.console().tickets().rows().stream().collect(Collectors
                .groupingBy(r -> r.status().label(), TreeMap::new, Collectors.counting())).toString());
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        double heapMb = (rt.totalMemory() - rt.freeMemory()) / 1048576.0;
        System.out.println(String.format(Locale.ROOT,
                "{\"bench\":\"desktop-console\",\"cores\":%d,\"engine_workers\":%d,\"idle_max_pulse_gap_ms\":%.1f,"
                        + "\"realistic\":%s,\"realistic_warm\":%s,\"stress\":%s,\"tickets_in_table\":%d,\"statuses\":\"%s\","
                        + "\"sign_offs_approved\":%d,\"heap_after_mb\":%.1f}",
                Runtime.getRuntime().availableProcessors(), engine.config().workers(), idle.maxMs(), realistic,
                realisticWarm, stress,
                inTable, statuses, approvals.get(), heapMb));
    }

    /** Injects {@code count} incidents at once from {@code from} and measures the console until they all end. */
    private String measure(String name, int from, int count) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long fxThread = fx(() -> Thread.currentThread().getId());
        long fxCpuBefore = threads.getThreadCpuTime(fxThread);
        Map<String, Long> cpuBefore = cpuByThreadGroup(threads);
        long processCpuBefore = os.getProcessCpuTime();
        long jitBefore = jitCpuNanos();
        long fxWaitBefore = fxRunQueueWaitNanos();
        long appliedBefore = shell.hop().applied();
        long turnsBefore = shell.hop().turns();
        long hopBusyBefore = shell.hop().busyNanos();
        pulses.clear();

        Load load = new Load();
        load.name = name;
        load.begin();
        recording = true;
        long t0 = System.nanoTime();
        boolean done = burst(from, count);
        long t1 = System.nanoTime();
        recording = false;
        load.commit();

        double seconds = (t1 - t0) / 1e9;
        long applied = shell.hop().applied() - appliedBefore;
        long fxWaitAfter = fxRunQueueWaitNanos();
        Gaps gaps = Gaps.of(pulses);
        return String.format(Locale.ROOT,
                "{\"incidents\":%d,\"all_terminal\":%b,\"seconds\":%.2f,\"events_applied\":%d,"
                        + "\"events_per_second\":%.0f,\"fx_hop_turns\":%d,\"pulses\":%d,\"max_pulse_gap_ms\":%.1f,"
                        + "\"p99_pulse_gap_ms\":%.1f,\"median_pulse_gap_ms\":%.1f,\"pulse_gaps_over_50ms\":%d,"
                        + "\"max_fx_cpu_in_a_gap_ms\":%.1f,"
                        + "\"worst_gaps_ms_fx_cpu_wait_ms_at_ms\":\"%s\",\"fx_thread_cpu_seconds\":%.2f,"
                        + "\"fx_hop_busy_seconds\":%.2f,\"fx_thread_run_queue_wait_seconds\":%.2f,\"cpu_seconds\":\"%s\"}",
                count, done, seconds, applied, applied / seconds, shell.hop().turns() - turnsBefore, gaps.count() + 1,
                gaps.maxMs(), gaps.percentileMs(0.99), gaps.percentileMs(0.5), gaps.over(50), gaps.maxFxCpuMs(),
                gaps.worst(5),
                (threads.getThreadCpuTime(fxThread) - fxCpuBefore) / 1e9,
                (shell.hop().busyNanos() - hopBusyBefore) / 1e9,
                fxWaitBefore < 0 || fxWaitAfter < 0 ? Double.NaN : (fxWaitAfter - fxWaitBefore) / 1e9,
                cpuShare(cpuBefore, cpuByThreadGroup(threads), os.getProcessCpuTime() - processCpuBefore,
                        jitBefore < 0 ? -1 : jitCpuNanos() - jitBefore));
    }

    /**
     * Injects incidents {@code from}..{@code from+count-1} at once and waits until the table shows every ticket
     * injected so far and none active.
     *
     * @return whether they all got there within five minutes
     */
    private boolean burst(int from, int count) throws Exception {
        int expected = fx(() -> shell.console().tickets().totalProperty().get()) + count;
        for (int i = 0; i < count; i++) {
            engine.inject(Injection.of("bench_" + (from + i)));
        }
        try {
            WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> fx(() ->
                    shell.console().tickets().totalProperty().get() >= expected
                            && shell.console().tickets().activeProperty().get() == 0));
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }

    /**
     * One gap between two FX pulses, for a flight recording of the benchmark (a {@code jdk.jfr} event, kept only
     * when it lasts longer than its threshold): the samples of the FX thread within the long gaps say what made
     * them. {@code -DargLine="@console.jvmopts -XX:StartFlightRecording=filename=bench.jfr,settings=profile"} (the path is the module's)
     */
    @jdk.jfr.Name("opsdeck.PulseGap")
    @jdk.jfr.Label("FX pulse gap")
    @jdk.jfr.Threshold("30 ms")
    static final class PulseGap extends jdk.jfr.Event {
        @jdk.jfr.Label("Measured")
        boolean recording;
    }

    /** One measured load, for a flight recording: its span. */
    @jdk.jfr.Name("opsdeck.BenchLoad")
    @jdk.jfr.Label("Benchmark load")
    static final class Load extends jdk.jfr.Event {
        @jdk.jfr.Label("Load")
        String name;
    }

    /** The gaps between recorded pulses, each with the FX thread's own CPU time within it. */
    private record Gaps(List<long[]> gaps) {

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
    private static Map<String, Long> cpuByThreadGroup(ThreadMXBean threads) {
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
    private static String cpuShare(Map<String, Long> before, Map<String, Long> after, long processNanos,
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
    private static long jitCpuNanos() {
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
    private static long fxRunQueueWaitNanos() {
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
