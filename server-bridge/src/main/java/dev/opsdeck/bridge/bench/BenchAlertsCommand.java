package dev.opsdeck.bridge.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opsdeck.bridge.Bridge;
import dev.opsdeck.bridge.BridgeConfig;
import dev.opsdeck.engine.Engine;
import dev.opsdeck.engine.EngineConfig;
import dev.opsdeck.engine.Json;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Subscription;
import dev.opsdeck.engine.store.Store;
import dev.opsdeck.engine.ticket.Ticket;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code opsdeck bench alerts}: the alert hooks under a flood. The engine and bridge run here with a low flow cap;
 * {@link AlertPoster} runs in its own JVM (as Alertmanager is its own process) and posts N distinct alerts in
 * batches of B. Prints one JSON line: alerts accepted per second, POST latency (p50, p99, max), tickets opened,
 * how many are running and waiting for a slot when the posting ends, how long until every ticket had reached a
 * terminal status (nothing stuck waiting), and {@code lost}: accepted alerts whose ticket is not in the store,
 * counted after the engine is closed and the store reopened from disk.
 */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = "Benchmark the alert hooks: N alerts in batches of B from another process; prints one JSON line.")
public final class BenchAlertsCommand implements Callable<Integer> {

    @Option(names = "--alerts", paramLabel = "N", defaultValue = "10000", description = "Alerts (default: ${DEFAULT-VALUE}).")
    int alerts;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "100",
            description = "Alerts per POST, as Alertmanager groups them (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--posters", paramLabel = "P", defaultValue = "4",
            description = "POSTs in flight at once (default: ${DEFAULT-VALUE}).")
    int posters;

    @Option(names = "--max-flows", paramLabel = "F", defaultValue = "2",
            description = "The engine's flow cap: the rest of the tickets wait for a slot (default: ${DEFAULT-VALUE}).")
    int maxFlows;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the run's store goes (default: a temp dir, deleted after).")
    Path dataDir;

    private final PrintStream out;

    public BenchAlertsCommand() {
        this(System.out);
    }

    public BenchAlertsCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        if (alerts < 1 || batch < 1 || posters < 1 || maxFlows < 1) {
            throw new IllegalArgumentException("--alerts, --batch, --posters and --max-flows must be at least 1");
        }
        Path dir = dataDir != null ? dataDir : Files.createTempDirectory("opsdeck-bench-alerts-");
        try {
            out.println(Json.write(run(dir)));
        } finally {
            if (dataDir == null) {
                delete(dir);
            }
        }
        return 0;
    }

    private ObjectNode run(Path dir) throws Exception {
        EngineConfig config = EngineConfig.defaults(dir).withMaxFlows(maxFlows).withDebounce(Duration.ZERO)
                .withAmbientEvery(Duration.ofHours(1));
        ObjectNode figures;
        int running;
        int waiting;
        double drained;
        try (Engine engine = Engine.start(config); Bridge bridge = Bridge.start(engine, BridgeConfig.defaults().withPort(0))) {
            Set<String> ended = ConcurrentHashMap.newKeySet();
            Semaphore ends = new Semaphore(0);
            long start = System.nanoTime();
            try (Subscription s = engine.subscribe("bench-ends", batch -> batch.forEach(p -> {
                if (p.event() instanceof EngineEvent.TicketChanged c && c.ticket().status().terminal()
                        && ended.add(c.ticket().id())) {
                    ends.release();
                }
            }))) {
                figures = post(bridge.hooksUrl());
                running = engine.runningFlows();
                waiting = engine.waitingTickets();
                int accepted = figures.path("alerts_accepted").asInt();
                drained = ends.tryAcquire(accepted, 15, TimeUnit.MINUTES) ? (System.nanoTime() - start) / 1e9 : -1;
            }
        }
        long stored;
        try (Store store = Store.open(dir)) {
            List<Ticket> all = store.tickets(true);
            stored = all.stream().filter(t -> t.alert() != null).count();
        }
        figures.put("max_flows", maxFlows);
        figures.put("running_at_end", running);
        figures.put("waiting_at_end", waiting);
        if (drained < 0) {
            figures.put("all_ended_after_s", "not within 15 min");
        } else {
            figures.put("all_ended_after_s", Math.round(drained * 10) / 10.0);
        }
        figures.put("tickets_stored", stored);
        figures.put("lost", Math.max(0, figures.path("alerts_accepted").asLong() - stored));
        return figures;
    }

    private ObjectNode post(String hooksUrl) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), AlertPoster.class.getName(),
                hooksUrl, String.valueOf(alerts), String.valueOf(batch), String.valueOf(posters))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0 || line.isEmpty()) {
            throw new IllegalStateException("the alert poster failed (exit " + (p.isAlive() ? "none" : p.exitValue())
                    + "): " + line);
        }
        String last = line.substring(line.lastIndexOf('\n') + 1);
        return (ObjectNode) Json.MAPPER.readTree(last);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
