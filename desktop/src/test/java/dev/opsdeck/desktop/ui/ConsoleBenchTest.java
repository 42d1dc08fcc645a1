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
import dev.opsdeck.engine.world.Incident;
import dev.opsdeck.engine.world.World;
import dev.opsdeck.engine.world.WorldLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * The console benchmark (prints figures, asserts nothing): with the console open, 1,000 incidents injected at once
 * and every sign-off auto-approved, it measures the longest gap between FX pulses during the burst, the events the
 * FX hop applied per second, and the heap afterwards with 1,000 tickets in the table. One JSON line on stdout.
 * {@code mvn -q -pl desktop -am -Pbench verify}
 */
@Tag("bench")
@ExtendWith(ApplicationExtension.class)
class ConsoleBenchTest {

    private static final int INCIDENTS = Integer.getInteger("bench.incidents", 1000);

    private Engine engine;
    private ConsoleShell shell;
    private Subscription approver;
    private final List<Long> pulses = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean recording;
    private final java.util.concurrent.atomic.AtomicInteger approvals = new java.util.concurrent.atomic.AtomicInteger();

    @Start
    void start(Stage stage) throws Exception {
        Path dir = Files.createTempDirectory("opsdeck-bench-");
        engine = Engine.start(EngineConfig.defaults(dir).withWorld(benchWorld()).withMaxFlows(INCIDENTS * 2)
                .withDebounce(Duration.ofMillis(1)).withWorkers(Integer.getInteger("bench.workers", 32)));
        shell = new ConsoleShell(engine, dir, new UnavailableBridge(), Map.of());
        stage.setScene(shell.createScene(Integer.getInteger("bench.width", 1560), Integer.getInteger("bench.height", 960)));
        stage.show();
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (recording) {
                    pulses.add(now);
                }
            }
        }.start();
    }

    /**
     * The bundled world plus {@value #INCIDENTS}-odd copies of its catalogue incidents, each with its own issue
     * key: every one runs the whole pipeline (faults found, remediation, sign-off) and none is a duplicate.
     */
    private static World benchWorld() {
        World w = WorldLoader.bundled();
        List<Incident> all = new ArrayList<>(w.incidents());
        for (int i = 0; i < INCIDENTS; i++) {
            Incident base = w.incidents().get(i % 2);
            String issue = base.issue() + "_b" + i;
            all.add(new Incident("bench_" + i, base.system(), issue, base.sev(), base.title(), base.errorLogs(),
                    base.kickoff().replace(base.issue(), issue), base.description(), base.hosts(), base.probes(),
                    base.remediation()));
        }
        return new World(w.systems(), w.ambientLogs(), all, w.probes(), w.playbooks());
    }

    private double maxGapMs() {
        synchronized (pulses) {
            long max = 0;
            for (int i = 1; i < pulses.size(); i++) {
                max = Math.max(max, pulses.get(i) - pulses.get(i - 1));
            }
            return max / 1e6;
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        approver.close();
        WaitForAsyncUtils.asyncFx(shell::close);
        shell.awaitClosed(30);
    }

    @Test
    void burstOfIncidents_withAutoApproval(org.testfx.api.FxRobot robot) throws Exception {
        // The operator's stand-in: approves every sign-off the moment it is asked for.
        approver = engine.subscribe("bench-approver", batch -> {
            for (Published p : batch) {
                if (p.event() instanceof EngineEvent.SignOffRequested r) {
                    if (engine.answer(r.channelId(), Texts.APPROVE, "bench").accepted()) {
                        approvals.incrementAndGet();
                    }
                }
            }
        });
        // Baseline: the open console's pulses for two idle seconds, before the burst.
        recording = true;
        WaitForAsyncUtils.sleep(2, TimeUnit.SECONDS);
        recording = false;
        double idleMaxGapMs = maxGapMs();
        pulses.clear();
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long fxThread = fx(() -> Thread.currentThread().getId());
        long fxCpuBefore = cpu.getThreadCpuTime(fxThread);
        for (String hide : System.getProperty("bench.hide", "").split(",")) {
            if (!hide.isBlank()) {
                robot.interact(() -> robot.lookup("#" + hide).query().setVisible(false));
            }
        }
        long appliedBefore = shell.hop().applied();
        long turnsBefore = shell.hop().turns();
        recording = true;
        long t0 = System.nanoTime();
        for (int i = 0; i < INCIDENTS; i++) {
            engine.inject(Injection.of("bench_" + i));
        }
        long injected = System.nanoTime();
        boolean done;
        try {
            WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> fx(() ->
                    shell.console().tickets().totalProperty().get() >= INCIDENTS
                            && shell.console().tickets().activeProperty().get() == 0));
            done = true;
        } catch (java.util.concurrent.TimeoutException e) {
            done = false;
        }
        long t1 = System.nanoTime();
        recording = false;
        long applied = shell.hop().applied() - appliedBefore;
        double fxCpuSeconds = (cpu.getThreadCpuTime(fxThread) - fxCpuBefore) / 1e9;
        long turns = shell.hop().turns() - turnsBefore;

        List<Long> gaps = new ArrayList<>();
        synchronized (pulses) {
            for (int i = 1; i < pulses.size(); i++) {
                gaps.add(pulses.get(i) - pulses.get(i - 1));
            }
        }
        // Where the five longest gaps fell, in ms from the burst's start (to tell a GC or a first-time layout apart).
        List<String> worst = new ArrayList<>();
        synchronized (pulses) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 1; i < pulses.size(); i++) {
                idx.add(i);
            }
            idx.sort((a, b) -> Long.compare(pulses.get(b) - pulses.get(b - 1), pulses.get(a) - pulses.get(a - 1)));
            for (int i : idx.subList(0, Math.min(5, idx.size()))) {
                worst.add(String.format(Locale.ROOT, "%.0f@%.0f", (pulses.get(i) - pulses.get(i - 1)) / 1e6,
                        (pulses.get(i - 1) - pulses.get(0)) / 1e6));
            }
        }
        Collections.sort(gaps);
        double maxGapMs = gaps.isEmpty() ? Double.NaN : gaps.get(gaps.size() - 1) / 1e6;
        double p99GapMs = gaps.isEmpty() ? Double.NaN : gaps.get((int) Math.floor(gaps.size() * 0.99)) / 1e6;
        double seconds = (t1 - t0) / 1e9;
        double medianGapMs = gaps.isEmpty() ? Double.NaN : gaps.get(gaps.size() / 2) / 1e6;
        long over50 = gaps.stream().filter(g -> g > 50_000_000L).count();

        int inTable = fx(() -> shell.console().tickets().rows().size());
        String statuses = fx(() -> shell.console().tickets().rows().stream().collect(java.util.stream.Collectors
                .groupingBy(r -> r.status().label(), java.util.TreeMap::new, java.util.stream.Collectors.counting()))
                .toString());
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        double heapMb = (rt.totalMemory() - rt.freeMemory()) / 1048576.0;

        System.out.println(String.format(Locale.ROOT,
                "{\"bench\":\"desktop-console\",\"incidents\":%d,\"engine_workers\":%d,\"all_terminal\":%b,\"tickets_in_table\":%d,"
                        + "\"inject_seconds\":%.2f,\"burst_seconds\":%.2f,\"events_applied\":%d,"
                        + "\"events_per_second\":%.0f,\"fx_hop_turns\":%d,\"pulses\":%d,\"max_pulse_gap_ms\":%.1f,"
                        + "\"p99_pulse_gap_ms\":%.1f,\"heap_after_mb\":%.1f,\"max_heap_mb\":%.0f,\"sign_offs_approved\":%d,"
                        + "\"statuses\":\"%s\",\"fx_hop_busy_ms\":%.0f,\"fx_hop_longest_turn_ms\":%.1f,"
                        + "\"median_pulse_gap_ms\":%.1f,\"pulse_gaps_over_50ms\":%d,\"worst_gaps_ms_at_ms\":\"%s\","
                        + "\"fx_thread_cpu_seconds\":%.2f,\"idle_max_pulse_gap_ms\":%.1f,\"load_average\":%.2f}",
                INCIDENTS, engine.config().workers(), done, inTable, (injected - t0) / 1e9, seconds, applied, applied / seconds, turns,
                gaps.size() + 1, maxGapMs, p99GapMs, heapMb, rt.maxMemory() / 1048576.0, approvals.get(), statuses,
                shell.hop().busyNanos() / 1e6, shell.hop().longestTurnNanos() / 1e6, medianGapMs, over50, String.join(" ", worst), fxCpuSeconds,
                idleMaxGapMs,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    }
}
