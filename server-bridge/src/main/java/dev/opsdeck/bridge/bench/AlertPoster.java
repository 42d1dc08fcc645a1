package dev.opsdeck.bridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opsdeck.engine.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The alert benchmark's client, run in its own JVM as Alertmanager would be its own process: P posters send N
 * distinct firing alerts to {@code /hooks/alertmanager} in batches of B (Alertmanager's grouping), each poster
 * waiting for its 202 before the next batch. Prints one JSON line: what was accepted, how fast, the POST latencies,
 * and the distinct tickets the replies named.
 *
 * <p>Arguments: {@code HOOKS_URL ALERTS BATCH POSTERS}.
 */
public final class AlertPoster {

    private AlertPoster() {
    }

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0] + "/alertmanager");
        int alerts = Integer.parseInt(args[1]);
        int batch = Integer.parseInt(args[2]);
        int posters = Integer.parseInt(args[3]);
        int batches = (alerts + batch - 1) / batch;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(posters);
        List<Future<List<Object>>> work = new ArrayList<>();
        long start = System.nanoTime();
        for (int p = 0; p < posters; p++) {
            work.add(pool.submit(() -> {
                List<Object> mine = new ArrayList<>(); // latencies (Long ns) and ticket ids (String), and failures
                for (int b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
                    int from = b * batch;
                    String body = delivery(from, Math.min(alerts, from + batch));
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    mine.add(System.nanoTime() - t0);
                    if (r.statusCode() != 202) {
                        mine.add(new IllegalStateException("batch " + b + ": HTTP " + r.statusCode() + " " + r.body()));
                        continue;
                    }
                    for (JsonNode id : Json.MAPPER.readTree(r.body()).path("tickets")) {
                        mine.add(id.asText());
                    }
                }
                return mine;
            }));
        }
        List<Long> latencies = new ArrayList<>();
        Set<String> tickets = new HashSet<>();
        List<String> failures = new ArrayList<>();
        long accepted = 0;
        for (Future<List<Object>> f : work) {
            for (Object o : f.get()) {
                if (o instanceof Long ns) {
                    latencies.add(ns);
                } else if (o instanceof String id) {
                    tickets.add(id);
                    accepted++;
                } else {
                    failures.add(String.valueOf(((Exception) o).getMessage()));
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("alerts_posted", alerts);
        out.put("posts", sorted.length);
        out.put("alerts_accepted", accepted);
        out.put("distinct_tickets", tickets.size());
        out.put("post_seconds", Math.round(seconds * 100) / 100.0);
        out.put("accepted_per_s", Math.round(accepted / seconds));
        out.put("post_p50_ms", ms(sorted, 0.50));
        out.put("post_p99_ms", ms(sorted, 0.99));
        out.put("post_max_ms", sorted.length == 0 ? 0 : Math.round(sorted[sorted.length - 1] / 1e4) / 100.0);
        out.put("failed_posts", failures.size());
        if (!failures.isEmpty()) {
            out.put("first_failure", failures.get(0));
        }
        System.out.println(Json.write(out));
    }

    private static double ms(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return Math.round(sorted[Math.max(0, i)] / 1e4) / 100.0;
    }

    /** Alerts {@code from} to {@code to} - 1, each its own fingerprint and host, as Alertmanager sends a group. */
    static String delivery(int from, int to) {
        StringBuilder b = new StringBuilder(512 * (to - from));
        b.append("{\"version\":\"4\",\"status\":\"firing\",\"receiver\":\"opsdeck\",\"groupKey\":\"bench-")
                .append(from).append("\",\"groupLabels\":{},\"commonLabels\":{\"severity\":\"warning\"},")
                .append("\"commonAnnotations\":{},\"externalURL\":\"http://alertmanager.bench\",\"truncatedAlerts\":0,")
                .append("\"alerts\":[");
        for (int i = from; i < to; i++) {
            if (i > from) {
                b.append(',');
            }
            b.append("{\"status\":\"firing\",\"labels\":{\"alertname\":\"BenchAlert").append(i % 7)
                    .append("\",\"instance\":\"bench-host-").append(i).append(":9100\",\"job\":\"node\"},")
                    .append("\"annotations\":{\"summary\":\"bench alert ").append(i).append("\"},")
                    .append("\"startsAt\":\"2026-11-29T20:00:00Z\",\"endsAt\":\"0001-01-01T00:00:00Z\",")
                    .append("\"generatorURL\":\"http://prometheus.bench/graph\",\"fingerprint\":\"bench")
                    .append(Integer.toHexString(i)).append("\"}");
        }
        return b.append("]}").toString();
    }
}
