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
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code opsdeck bench bridge}: C WebSocket clients on one bridge, incidents injected as fast as the engine takes
 * them, every client counting events and their latency (receive − {@code ts}). Each inject is a distinct incident
 * ({@link BenchWorld}), so every flow runs both stages; client 0 approves every sign-off over the wire. The clients
 * run in a JVM of their own ({@link BenchClients}), so this process's CPU time is the server's (engine and bridge):
 * it is printed per delivered event. One JSON line: {@code {clients, clients_in, injects, rate, delivered, seconds,
 * delivered_per_s, p50_ms, p99_ms, max_ms, lost, closed_clients, server_cpu_pct, server_cpu_us_per_delivery,
 * clients_cpu_pct}} (clients near 100% of a core: they, not the server, were the limit).
 */
@Command(name = "bridge", mixinStandardHelpOptions = true,
        description = "Benchmark the bridge: C clients in another process, N flows; prints one JSON line with the"
                + " server's CPU per delivered event.")
public final class BenchBridgeCommand implements Callable<Integer> {

    @Option(names = "--clients", paramLabel = "C", defaultValue = "100", description = "Clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--injects", paramLabel = "N", defaultValue = "300", description = "Flows to run (default: ${DEFAULT-VALUE}).")
    int injects;

    @Option(names = "--max-flows", paramLabel = "F", defaultValue = "32",
            description = "The engine's flow cap for the run (default: ${DEFAULT-VALUE}).")
    int maxFlows;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "0",
            description = "Injects per second (default: 0, as fast as the flow cap lets them in).")
    double rate;

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
        if (clients < 1 || injects < 1 || maxFlows < 1 || rate < 0) {
            throw new IllegalArgumentException("--clients, --injects and --max-flows must be at least 1, --rate not negative");
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
        // The clients run in a JVM of their own: in this one they would share the server's CPU count and its cores'
        // time would be indistinguishable from theirs.
        String java = ProcessHandle.current().info().command().orElse("java");
        Process clientsProcess = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                BenchClients.class.getName(), bridge.url() + "?replay=0", String.valueOf(clients))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader fromClients = new BufferedReader(
                    new InputStreamReader(clientsProcess.getInputStream(), StandardCharsets.UTF_8));
            String ready = fromClients.readLine();
            if (!"ready".equals(ready)) {
                throw new IllegalStateException("the bench clients did not connect (they said: " + ready + ")");
            }
            // The engine's own count of what it published, and a permit back for every flow that ends. A flow
            // leaves the engine's cap a moment after its terminal status is published, so the engine's cap is set
            // at twice ours.
            AtomicLong published = new AtomicLong();
            Semaphore slots = new Semaphore(maxFlows);
            Semaphore finished = new Semaphore(0);
            double cpu0 = BenchClients.processCpuSeconds();
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
                    if (rate > 0) {
                        long due = start + (long) (i * 1e9 / rate);
                        TimeUnit.NANOSECONDS.sleep(Math.max(0, due - System.nanoTime())); // the pacing itself
                    }
                    slots.acquire();
                    InjectResult result = engine.inject(Injection.of(BenchWorld.key(i)));
                    if (!result.accepted()) {
                        throw new IllegalStateException("the engine refused inject " + i + ": " + result.reason());
                    }
                }
                if (!finished.tryAcquire(injects, 300, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("only " + finished.availablePermits() + " of " + injects
                            + " flows ended in 300 s");
                }
            } finally {
                counter.close();
            }
            try (PrintStream toClients = new PrintStream(clientsProcess.getOutputStream(), true, StandardCharsets.UTF_8)) {
                toClients.println("expect " + published.get());
            }
            String line = fromClients.readLine();
            double seconds = (System.nanoTime() - start) / 1e9;
            double serverCpu = BenchClients.processCpuSeconds() - cpu0;
            if (line == null) {
                throw new IllegalStateException("the bench clients ended without their figures");
            }
            JsonNode c = Json.MAPPER.readTree(line);
            long delivered = c.path("delivered").asLong();
            ObjectNode figures = Json.MAPPER.createObjectNode(); // in the order the figures are read
            figures.put("clients", clients);
            figures.put("clients_in", "another process");
            figures.put("injects", injects);
            figures.put("rate", rate > 0 ? rate : null);
            figures.put("delivered", delivered);
            figures.put("seconds", Math.round(seconds * 100) / 100.0);
            figures.put("delivered_per_s", Math.round(delivered / seconds));
            figures.put("p50_ms", c.path("p50_ms").asDouble());
            figures.put("p99_ms", c.path("p99_ms").asDouble());
            figures.put("max_ms", c.path("max_ms").asDouble());
            figures.put("lost", c.path("lost").asLong());
            figures.put("closed_clients", c.path("closed").asLong());
            figures.put("server_cpu_pct", Math.round(100 * serverCpu / seconds));
            figures.put("server_cpu_us_per_delivery", delivered == 0 ? 0 : Math.round(1e7 * serverCpu / delivered) / 10.0);
            figures.put("clients_cpu_pct", Math.round(100 * c.path("cpu_s").asDouble() / seconds));
            return figures;
        } finally {
            clientsProcess.destroy();
            clientsProcess.waitFor(10, TimeUnit.SECONDS);
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
