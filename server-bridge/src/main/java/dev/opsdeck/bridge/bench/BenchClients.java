package dev.opsdeck.bridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opsdeck.engine.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's clients, in a process of their own so that the server's CPU can be read apart from theirs:
 * {@code BenchClients URL C} connects C clients (client 0 approves every sign-off), prints {@code ready} once every
 * snapshot is in, then reads {@code expect N} (events each client should get) on stdin, waits for them (60 s at most)
 * and prints one JSON line: delivered, lost, latency quantiles, its own CPU seconds.
 */
public final class BenchClients {

    private BenchClients() {
    }

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int clients = Integer.parseInt(args[1]);
        LatencyHistogram latencies = new LatencyHistogram();
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService approver = Executors.newSingleThreadExecutor(r -> new Thread(r, "bench-approver"));
        List<CountingClient> all = new ArrayList<>();
        all.add(CountingClient.connect(http, uri, latencies, frame -> {
            if (frame.startsWith("{\"type\":\"hitl_requested\"")) {
                approver.execute(() -> approve(all.get(0), frame));
            }
        }));
        for (int i = 1; i < clients; i++) {
            all.add(CountingClient.connect(http, uri, latencies, frame -> { }));
        }
        for (CountingClient c : all) {
            c.snapshot.get(30, TimeUnit.SECONDS);
        }
        System.out.println("ready");
        System.out.flush();

        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = in.readLine();
        if (line == null || !line.startsWith("expect ")) {
            System.err.println("bench clients: expected 'expect N' on stdin, got " + line);
            System.exit(2);
        }
        long expected = Long.parseLong(line.substring(7).trim());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && all.stream().anyMatch(c -> c.received.get() < expected && !c.closed.isDone())) {
            TimeUnit.MILLISECONDS.sleep(5); // polling the clients' counters; they are written on the client threads
        }
        long delivered = all.stream().mapToLong(c -> c.received.get()).sum();
        long lost = all.stream().mapToLong(c -> Math.max(0, expected - c.received.get())).sum();
        ObjectNode figures = Json.MAPPER.createObjectNode();
        figures.put("delivered", delivered);
        figures.put("lost", lost);
        figures.put("closed", all.stream().filter(c -> c.closed.isDone()).count());
        figures.put("p50_ms", latencies.quantile(0.50));
        figures.put("p99_ms", latencies.quantile(0.99));
        figures.put("max_ms", latencies.max());
        figures.put("cpu_s", processCpuSeconds());
        System.out.println(Json.MAPPER.writeValueAsString(figures));
        System.out.flush();
        System.exit(0); // the HTTP client's threads would keep the process alive
    }

    static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
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
}
