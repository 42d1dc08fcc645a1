package dev.opsdeck.engine.bench;

import dev.opsdeck.engine.Engine;
import dev.opsdeck.engine.EngineConfig;
import dev.opsdeck.engine.InjectResult;
import dev.opsdeck.engine.Injection;
import dev.opsdeck.engine.Json;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code opsdeck bench engine}: offline throughput through both stages, and how much the parallel band saves when
 * every turn takes a fixed time. Prints one JSON line. A measurement, not a test: nothing here asserts a time.
 */
@Command(name = "engine", mixinStandardHelpOptions = true,
        description = "Engine benchmark: offline throughput and band parallelism; prints one JSON line.")
public final class EngineBenchmark implements Runnable {

    @Option(names = "--incidents", defaultValue = "1000", description = "Incidents for the throughput run (default ${DEFAULT-VALUE}).")
    int incidents;

    @Option(names = "--in-flight", defaultValue = "16", description = "Incidents in flight at once (default ${DEFAULT-VALUE}).")
    int inFlight;

    @Option(names = "--turn-ms", defaultValue = "50", description = "Fixed time per agent turn in the parallelism run (default ${DEFAULT-VALUE}).")
    int turnMs;

    @Option(names = "--runs", defaultValue = "5", description = "Diagnoses per mode in the parallelism run (default ${DEFAULT-VALUE}).")
    int runs;

    /** Diagnosis turns on the critical path of web_5xx: lookup, decide, triage, the band (one deep), RCA, remediation. */
    private static final int CRITICAL_TURNS = 6;

    @Override
    public void run() {
        try {
            Map<String, Object> out = new LinkedHashMap<>();
            out.putAll(throughput());
            double parallel = diagnosisRatio(32);
            double sequential = diagnosisRatio(1);
            out.put("turn_ms", turnMs);
            out.put("critical_path_turns", CRITICAL_TURNS);
            out.put("parallel_ratio", round(parallel));
            out.put("sequential_band_ratio", round(sequential));
            out.put("band_speedup", round(sequential / parallel));
            System.out.println(Json.write(out));
        } catch (Exception e) {
            throw new IllegalStateException("benchmark failed: " + e.getMessage(), e);
        }
    }

    private Map<String, Object> throughput() throws Exception {
        World world = variants(WorldLoader.bundled(), incidents);
        Path dir = Files.createTempDirectory("opsdeck-bench");
        EngineConfig config = EngineConfig.defaults(dir).withWorld(world).withMaxFlows(inFlight)
                .withDebounce(Duration.ZERO);
        Map<String, Long> started = new ConcurrentHashMap<>();
        List<Long> walls = Collections.synchronizedList(new ArrayList<>());
        Semaphore slots = new Semaphore(inFlight);
        try (Engine engine = Engine.start(config);
             Subscription s = engine.subscribe("bench", autoApprove(engine, t -> {
                 Long t0;
                 synchronized (started) {
                     t0 = started.remove(t);
                 }
                 if (t0 != null) {
                     walls.add(System.nanoTime() - t0);
                     slots.release();
                 }
             }))) {
            long begin = System.nanoTime();
            for (Incident i : world.incidents().subList(0, incidents)) {
                slots.acquire();
                long t0 = System.nanoTime();
                InjectResult r;
                synchronized (started) {
                    r = engine.inject(Injection.of(i.key()));
                    if (r.accepted()) {
                        started.put(r.ticketId(), t0);
                    }
                }
                if (!r.accepted()) {
                    slots.release();
                    throw new IllegalStateException("inject refused: " + r.reason());
                }
            }
            if (!slots.tryAcquire(inFlight, 5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("incidents did not finish: still open " + started.keySet());
            }
            double seconds = (System.nanoTime() - begin) / 1e9;
            List<Long> sorted = new ArrayList<>(walls);
            Collections.sort(sorted);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("incidents", sorted.size());
            out.put("in_flight", inFlight);
            out.put("seconds", round(seconds));
            out.put("incidents_per_s", round(sorted.size() / seconds));
            out.put("p50_ms", round(percentile(sorted, 0.50) / 1e6));
            out.put("p99_ms", round(percentile(sorted, 0.99) / 1e6));
            return out;
        }
    }

    /** Mean diagnosis wall time of web_5xx (all three specialists), over the critical path at {@code turnMs}. */
    private double diagnosisRatio(int workers) throws Exception {
        Path dir = Files.createTempDirectory("opsdeck-bench");
        World world = variants(WorldLoader.bundled(), runs);
        EngineConfig config = EngineConfig.defaults(dir).withWorld(world).withWorkers(workers)
                .withReasoner(new FixedTime(new OfflineRules(world), turnMs)).withDebounce(Duration.ZERO);
        Map<String, Long> opened = new ConcurrentHashMap<>();
        List<Long> walls = Collections.synchronizedList(new ArrayList<>());
        Semaphore done = new Semaphore(0);
        try (Engine engine = Engine.start(config);
             Subscription s = engine.subscribe("bench", batch -> {
                 for (Published p : batch) {
                     if (p.event() instanceof EngineEvent.ChannelOpened o && o.stage().wire().equals("diagnosis")) {
                         opened.put(o.channelId(), System.nanoTime());
                     } else if (p.event() instanceof EngineEvent.ChannelClosed c && opened.containsKey(c.channelId())) {
                         walls.add(System.nanoTime() - opened.remove(c.channelId()));
                         done.release();
                     }
                 }
             })) {
            for (Incident i : world.incidents().subList(0, runs)) {
                engine.inject(Injection.of(i.key()));
                if (!done.tryAcquire(1, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("diagnosis did not finish");
                }
                engine.reset();
            }
        }
        double mean = walls.stream().mapToLong(Long::longValue).average().orElseThrow();
        return mean / 1e6 / (CRITICAL_TURNS * turnMs);
    }

    private static dev.opsdeck.engine.event.Subscriber autoApprove(Engine engine, Consumer<String> terminal) {
        return batch -> {
            for (Published p : batch) {
                if (p.event() instanceof EngineEvent.SignOffRequested r) {
                    engine.answer(r.channelId(), Texts.APPROVE, "bench");
                } else if (p.event() instanceof EngineEvent.TicketChanged c && c.ticket().status().terminal()) {
                    terminal.accept(c.ticket().id());
                }
            }
        };
    }

    /** The bundled web_5xx, {@code n} times under distinct issue keys, so none is a duplicate of another. */
    static World variants(World base, int n) {
        Incident web = base.incident("web_5xx").orElseThrow();
        List<Incident> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String key = "web_5xx_" + i;
            list.add(new Incident(key, web.system(), key, web.sev(), web.title(), web.errorLogs(), web.kickoff(),
                    web.description(), web.hosts(), web.probes(), web.remediation()));
        }
        return new World(base.systems(), base.ambientLogs(), list, base.probes(), base.playbooks());
    }

    private static double percentile(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** A reasoning stand-in whose every turn takes a fixed time: the offline rules plus a wait. */
    static final class FixedTime implements Reasoner {
        private final Reasoner inner;
        private final long ms;

        FixedTime(Reasoner inner, long ms) {
            this.inner = inner;
            this.ms = ms;
        }

        @Override
        public String name() {
            return "fixed-" + ms + "ms";
        }

        @Override
        public Reply think(TurnRequest request) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Reply r = inner.think(request);
            return new Reply(r.calls(), r.body(), name(), r.usage());
        }
    }
}
