package dev.opsdeck.desktop.bench;

import dev.opsdeck.desktop.app.ConsoleShell;
import dev.opsdeck.desktop.bench.PulseFigures.Gaps;
import dev.opsdeck.desktop.bridge.UnavailableBridge;
import dev.opsdeck.desktop.fx.FxHop;
import dev.opsdeck.desktop.port.InProcess;
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
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javafx.animation.AnimationTimer;
import javafx.beans.InvalidationListener;
import javafx.stage.Stage;

/**
 * The console benchmark's loads on one open console, every sign-off auto-approved; one JSON line of figures:
 * <ul>
 * <li><b>realistic</b>: N incidents at once with a model stand-in that takes 200 ms per turn (the rules after a
 * wait, as a model call waits on the network), right after the window opens (cold: the JIT compiling the console's
 * code), then again (warm). The console's target: no FX pulse gap over 50 ms.</li>
 * <li><b>stress</b>: M incidents at once on the bare offline rules, CPU-bound on every core: reported as it is.</li>
 * </ul>
 * For each: the longest gaps between FX pulses, events the FX hop applied per second, and the CPU by thread; then
 * the heap with every ticket in the table. {@code max_fx_cpu_in_a_gap_ms} is the most CPU the FX thread itself spent
 * within one gap: on a machine shared with other work a gap is mostly waiting for a core, and this is the console's
 * own share of its worst frame. Run with a flight recording to see what the FX thread did in the long gaps: each gap
 * over 30 ms and each load is an event in it. Used by {@code opsdeck bench console} (a real window, started by the
 * launcher with or without the start-up cache) and by the headless {@code mvn -Pbench} run.
 */
public final class ConsoleLoads {

    /** How much to run: incidents per realistic load, the stand-in's think time, the stress load (0: none). */
    public record Sizes(int realistic, long thinkMs, boolean warm, int stress) {
    }

    private static final long WAIT_S = 300;

    private final Sizes sizes;
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

    public ConsoleLoads(Sizes sizes) {
        this.sizes = sizes;
    }

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

    /** Opens the console in {@code stage} (on the FX thread) on an engine of its own in a temporary data dir. */
    public void open(Stage stage) throws Exception {
        Path dir = Files.createTempDirectory("opsdeck-bench-");
        World world = benchWorld(incidents());
        standIn = new StandIn(world);
        engine = Engine.start(EngineConfig.defaults(dir).withWorld(world).withReasoner(standIn)
                .withMaxFlows(incidents() * 2).withDebounce(Duration.ofMillis(1)));
        shell = new ConsoleShell(new InProcess(engine), dir, new UnavailableBridge(), Map.of());
        stage.setScene(shell.createScene(1560, 960));
        stage.show();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        new AnimationTimer() {
            private PulseGap gap;

            @Override
            public void handle(long now) {
                if (recording) {
                    pulses.add(new long[] {now, threads.getCurrentThreadCpuTime(), PulseFigures.fxRunQueueWaitNanos()});
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

    private int incidents() {
        return 2 * sizes.realistic() + sizes.stress();
    }

    /**
     * The bundled world plus copies of its catalogue incidents, each with its own issue key: every one runs the
     * whole pipeline (faults found, remediation, sign-off) and none is a duplicate.
     */
    private static World benchWorld(int count) {
        World w = WorldLoader.bundled();
        List<Incident> all = new ArrayList<>(w.incidents());
        for (int i = 0; i < count; i++) {
            Incident base = w.incidents().get(i % 2);
            String issue = base.issue() + "_b" + i;
            all.add(new Incident("bench_" + i, base.system(), issue, base.sev(), base.title(), base.errorLogs(),
                    base.kickoff().replace(base.issue(), issue), base.description(), base.hosts(), base.probes(),
                    base.remediation()));
        }
        return new World(w.systems(), w.ambientLogs(), all, w.probes(), w.playbooks());
    }

    /** Runs the loads (not on the FX thread) and returns the JSON line. */
    public String run() throws Exception {
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
        Thread.sleep(2000);
        recording = false;
        Gaps idle = Gaps.of(pulses);
        pulses.clear();

        standIn.thinkMs = sizes.thinkMs();
        String realistic = measure(0, sizes.realistic());
        // The same load again on the console that has now run it once (its code compiled, its cells made).
        String realisticWarm = sizes.warm() ? measure(sizes.realistic(), sizes.realistic()) : "null";
        standIn.thinkMs = 0;
        String stress = sizes.stress() > 0 ? measure(2 * sizes.realistic(), sizes.stress()) : "null";

        int inTable = fx(() -> shell.console().tickets().rows().size());
        String statuses = fx(() -> shell.console().tickets().rows().stream().collect(Collectors
                .groupingBy(r -> r.status().label(), TreeMap::new, Collectors.counting())).toString());
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        double heapMb = (rt.totalMemory() - rt.freeMemory()) / 1048576.0;
        return String.format(Locale.ROOT,
                "{\"bench\":\"desktop-console\",\"cores\":%d,\"engine_workers\":%d,\"idle_max_pulse_gap_ms\":%.1f,"
                        + "\"realistic\":%s,\"realistic_warm\":%s,\"stress\":%s,\"tickets_in_table\":%d,\"statuses\":\"%s\","
                        + "\"sign_offs_approved\":%d,\"heap_after_mb\":%.1f}",
                Runtime.getRuntime().availableProcessors(), engine.config().workers(), idle.maxMs(), realistic,
                realisticWarm, stress, inTable, statuses, approvals.get(), heapMb);
    }

    /** Closes the console and its engine; waits for them. */
    public void close() throws InterruptedException {
        if (approver != null) {
            approver.close();
        }
        if (shell != null) {
            FxHop.later(shell::close);
            shell.awaitClosed(30);
        }
    }

    /** Injects {@code count} incidents at once from {@code from} and measures the console until they all end. */
    private String measure(int from, int count) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long fxThread = fx(() -> Thread.currentThread().getId());
        long fxCpuBefore = threads.getThreadCpuTime(fxThread);
        Map<String, Long> cpuBefore = PulseFigures.cpuByThreadGroup(threads);
        long processCpuBefore = os.getProcessCpuTime();
        long jitBefore = PulseFigures.jitCpuNanos();
        long fxWaitBefore = PulseFigures.fxRunQueueWaitNanos();
        long appliedBefore = shell.hop().applied();
        long turnsBefore = shell.hop().turns();
        long hopBusyBefore = shell.hop().busyNanos();
        pulses.clear();

        Load load = new Load();
        load.name = from == 0 ? "realistic" : from == sizes.realistic() ? "realistic_warm" : "stress";
        load.begin();
        recording = true;
        long t0 = System.nanoTime();
        boolean done = burst(from, count);
        long t1 = System.nanoTime();
        recording = false;
        load.commit();

        double seconds = (t1 - t0) / 1e9;
        long applied = shell.hop().applied() - appliedBefore;
        long fxWaitAfter = PulseFigures.fxRunQueueWaitNanos();
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
                PulseFigures.cpuShare(cpuBefore, PulseFigures.cpuByThreadGroup(threads),
                        os.getProcessCpuTime() - processCpuBefore,
                        jitBefore < 0 ? -1 : PulseFigures.jitCpuNanos() - jitBefore));
    }

    /**
     * Injects incidents {@code from}..{@code from+count-1} at once and waits until the table shows every ticket
     * injected so far and none active.
     *
     * @return whether they all got there within five minutes
     */
    private boolean burst(int from, int count) throws Exception {
        int expected = fx(() -> shell.console().tickets().totalProperty().get()) + count;
        CountDownLatch allDone = new CountDownLatch(1);
        // Told by the table's own counters, on the FX thread, as they change.
        InvalidationListener check = o -> {
            if (shell.console().tickets().totalProperty().get() >= expected
                    && shell.console().tickets().activeProperty().get() == 0) {
                allDone.countDown();
            }
        };
        fx(() -> {
            shell.console().tickets().totalProperty().addListener(check);
            shell.console().tickets().activeProperty().addListener(check);
            return null;
        });
        try {
            for (int i = 0; i < count; i++) {
                engine.inject(Injection.of("bench_" + (from + i)));
            }
            return allDone.await(WAIT_S, TimeUnit.SECONDS);
        } finally {
            fx(() -> {
                shell.console().tickets().totalProperty().removeListener(check);
                shell.console().tickets().activeProperty().removeListener(check);
                return null;
            });
        }
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return FxHop.call(read, Duration.ofSeconds(WAIT_S));
    }

    /**
     * One gap between two FX pulses, for a flight recording of the benchmark (a {@code jdk.jfr} event, kept only
     * when it lasts longer than its threshold): the samples of the FX thread within the long gaps say what made them.
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
}
