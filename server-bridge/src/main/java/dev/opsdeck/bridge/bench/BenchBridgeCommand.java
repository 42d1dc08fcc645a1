package dev.opsdeck.bridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opsdeck.bridge.Bridge;
import dev.opsdeck.bridge.BridgeConfig;
import dev.opsdeck.engine.Engine;
import dev.opsdeck.engine.EngineConfig;
import dev.opsdeck.engine.InjectResult;
import dev.opsdeck.engine.Injection;
import dev.opsdeck.engine.Json;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Published;
import dev.opsdeck.engine.event.Subscription;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code opsdeck bench bridge}: C WebSocket clients on one bridge, incidents injected as fast as the engine takes
 * them, every client counting events and their latency (receive − {@code ts}). Each inject is a distinct incident
 * ({@link BenchWorld}), so every flow runs both stages; client 0 approves every sign-off over the wire. Prints one
 * JSON line: {@code {clients, injects, delivered, seconds, delivered_per_s, p50_ms, p99_ms, max_ms, lost}}.
 */
@Command(name = "bridge", mixinStandardHelpOptions = true,
        description = "Benchmark the bridge: C clients, N flows as fast as the engine takes them; prints one JSON line.")
public final class BenchBridgeCommand implements Callable<Integer> {

    @Option(names = "--clients", paramLabel = "C", defaultValue = "100", description = "Clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--injects", paramLabel = "N", defaultValue = "300", description = "Flows to run (default: ${DEFAULT-VALUE}).")
    int injects;

    @Option(names = "--max-flows", paramLabel = "F", defaultValue = "32",
            description = "The engine's flow cap for the run (default: ${DEFAULT-VALUE}).")
    int maxFlows;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the run's store goes (default: a temp dir, deleted after).")
    Path dataDir;

    private final PrintStream out;

    public BenchBridgeCommand() {
        this(System.out);
    }

    public BenchBridgeCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        if (clients < 1 || injects < 1 || maxFlows < 1) {
            throw new IllegalArgumentException("--clients, --injects and --max-flows must be at least 1");
        }
        Path dir = dataDir != null ? dataDir : Files.createTempDirectory("opsdeck-bench-");
        EngineConfig base = EngineConfig.defaults(dir);
        EngineConfig config = base.withWorld(BenchWorld.of(base.world(), injects)).withMaxFlows(2 * maxFlows).withDebounce(Duration.ZERO)
                .withSignOffDeadline(Duration.ofSeconds(120)).withWorkers(Math.max(8, maxFlows));
        try (Engine engine = Engine.start(config); Bridge bridge = Bridge.start(engine, BridgeConfig.defaults().withPort(0))) {
            out.println(Json.MAPPER.writeValueAsString(run(engine, bridge)));
        } finally {
            if (dataDir == null) {
                delete(dir);
            }
        }
        return 0;
    }

    private ObjectNode run(Engine engine, Bridge bridge) throws Exception {
        LatencyHistogram latencies = new LatencyHistogram();
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create(bridge.url() + "?replay=0");
        ExecutorService approver = Executors.newSingleThreadExecutor(r -> new Thread(r, "bench-approver"));
        List<CountingClient> all = new ArrayList<>();
        CountingClient first = CountingClient.connect(http, uri, latencies, frame -> {
            if (frame.startsWith("{\"type\":\"hitl_requested\"")) {
                approver.execute(() -> approve(all.get(0), frame));
            }
        });
        all.add(first);
        for (int i = 1; i < clients; i++) {
            all.add(CountingClient.connect(http, uri, latencies, frame -> { }));
        }
        for (CountingClient c : all) {
            c.snapshot.get(30, TimeUnit.SECONDS);
        }

        // The engine's own count of what it published, and a permit back for every flow that ends. A flow leaves the
        // engine's cap a moment after its terminal status is published, so the engine's cap is set at twice ours.
        AtomicLong published = new AtomicLong();
        Semaphore slots = new Semaphore(maxFlows);
        Semaphore finished = new Semaphore(0);
        long start = System.nanoTime();
        Subscription counter = engine.subscribe("bench-counter", batch -> {
            for (Published p : batch) {
                published.incrementAndGet();
                if (p.event() instanceof EngineEvent.TicketChanged c && c.ticket().status().terminal()) {
                    slots.release();
                    finished.release();
                }
            }
        });
        try {
            for (int i = 0; i < injects; i++) {
                slots.acquire();
                InjectResult result = engine.inject(Injection.of(BenchWorld.key(i)));
                if (!result.accepted()) {
                    throw new IllegalStateException("the engine refused inject " + i + ": " + result.reason());
                }
            }
            if (!finished.tryAcquire(injects, 300, TimeUnit.SECONDS)) {
                throw new IllegalStateException("only " + finished.availablePermits() + " of " + injects + " flows ended in 300 s");
            }
        } finally {
            counter.close();
        }
        long expected = published.get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && all.stream().anyMatch(c -> c.received.get() < expected && !c.closed.isDone())) {
            TimeUnit.MILLISECONDS.sleep(5); // polling the clients' counters; they are written on the client threads
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long delivered = all.stream().mapToLong(c -> c.received.get()).sum();
        long lost = all.stream().mapToLong(c -> Math.max(0, expected - c.received.get())).sum();
        for (CountingClient c : all) {
            c.socket.abort();
        }
        approver.shutdownNow();

        ObjectNode figures = Json.MAPPER.createObjectNode(); // in the order the figures are read
        figures.put("clients", clients);
        figures.put("injects", injects);
        figures.put("delivered", delivered);
        figures.put("seconds", Math.round(seconds * 100) / 100.0);
        figures.put("delivered_per_s", Math.round(delivered / seconds));
        figures.put("p50_ms", latencies.quantile(0.50));
        figures.put("p99_ms", latencies.quantile(0.99));
        figures.put("max_ms", latencies.max());
        figures.put("lost", lost);
        return figures;
    }

    private static void approve(CountingClient client, String frame) {
        try {
            JsonNode payload = Json.MAPPER.readTree(frame).path("payload");
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("type", "hitl_response");
            answer.put("channel_id", payload.path("channel_id").asText());
            answer.put("decision", "APPROVED by the benchmark");
            client.socket.sendText(Json.write(answer), true).join();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
