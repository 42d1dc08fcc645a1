package dev.opsdeck.bridge;

import dev.opsdeck.bridge.cli.ServeMain;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.bridge.client.Frame;
import dev.opsdeck.bridge.client.WireClient;
import dev.opsdeck.engine.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code opsdeck serve} in a JVM of its own with a small heap (as shipped: out of heap it exits), 40 clients that
 * never read, and a burst of custom injects each as large as the field limits allow: the idle clients are dropped
 * with 1008 when their unsent bytes pass the bound, and the server stays up (it answers {@code /healthz}, a new
 * client gets its snapshot). Before the byte bound and the field limits this ended in an OutOfMemoryError.
 */
class MemoryBoundTest {

    static final int IDLE = 40;
    static final int INJECTS = 150;
    static final int BIG_ALERTS = 15;
    static final int ALERTS = 50;
    static final int MAX_DELIVERIES = 40;
    /**
     * 96 MB as before, plus what two additions hold whatever the load: the class path's openai-java-core jar (its
     * central directory, 37,650 entries: 8.7 MB on the heap once opened, and a ServiceLoader lookup opens every jar)
     * and the HTTP port's Jetty (Javalin), which at 96m + 8m ran out of heap at this test's first 900 KB alert. The
     * bound under test (each client's unsent bytes, each field's length) is unchanged.
     */
    static final String HEAP = "-Xmx120m";
    static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void idleClientsAndLargeInjectsAndAlerts_onASmallHeap_dropTheIdleClientsWith1008_andTheServerStaysUp()
            throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process server = new ProcessBuilder(java, HEAP, "-XX:+ExitOnOutOfMemoryError",
                "-Dorg.slf4j.simpleLogger.log.dev.opsdeck.bridge.server.BridgeServer=info",
                "-cp", System.getProperty("java.class.path"), ServeMain.class.getName(),
                "--port", "0", "--hooks-port", "0", "--pace", "0", "--data-dir", dir.toString(),
                "--max-flows", "5000", "--debounce", "0")
                .redirectErrorStream(true).start();
        Output out = new Output(server);
        List<RawClient> idle = new ArrayList<>();
        try {
            int port = out.port();
            URI ws = URI.create("ws://127.0.0.1:" + port + "/ws?replay=0");
            try (Reader driver = new Reader(WireClient.connect(ws, Map.of(), WAIT))) {
                driver.await(r -> r.snapshots == 1, "the driver's snapshot");
                for (int i = 0; i < IDLE; i++) {
                    RawClient c = new RawClient(port, "/ws?replay=0");
                    idle.add(c);
                    assertThat(c.response()).startsWith("HTTP/1.1 101");
                }
                for (int i = 0; i < INJECTS; i++) {
                    driver.client.send(Json.write(inject(i)));
                }
                driver.await(r -> r.created == INJECTS, INJECTS + " tickets");
                long injected = driver.bytes();
                int hooks = Json.MAPPER.readTree(health(port).body()).path("hooks_port").asInt();
                // Alerts with a runbook pasted into an annotation (900 KB, under the hook's 1 MiB): the text rides in
                // every event about the ticket. Before annotations were cut, 15 of these ran this heap out.
                for (int i = 0; i < BIG_ALERTS; i++) {
                    HttpResponse<String> r = post(hooks, AlertHooksTest.delivery("big" + i)
                            .replace("my-web-01", "big-" + i)
                            .replace("\"/data is read-only\"", "\"" + "r".repeat(900_000) + "\""), server, out);
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
                    int expected = INJECTS + i + 1;
                    driver.await(x -> x.created == expected, expected + " tickets");
                }
                // Then alerts with as much text as an alert may carry, until the idle clients are past their bound.
                int deliveries = 0;
                while (out.dropped() < IDLE && deliveries < MAX_DELIVERIES) {
                    HttpResponse<String> r = post(hooks, delivery(deliveries), server, out);
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
                    deliveries++;
                    int expected = INJECTS + BIG_ALERTS + deliveries * ALERTS;
                    driver.await(x -> x.created == expected, expected + " tickets");
                }
                System.out.printf("MemoryBoundTest: heap %s; %d custom injects sent %.1f MB to each client; %d alert"
                        + " deliveries of %d alerts after %d of 900 KB, %.1f MB in all; %d of %d idle clients dropped as"
                        + " too slow%n", HEAP, INJECTS, injected / 1e6, deliveries, ALERTS, BIG_ALERTS, driver.bytes() / 1e6,
                        out.dropped(), IDLE);
                assertThat(out.closed1008.await(WAIT.toSeconds(), TimeUnit.SECONDS))
                        .as("every idle client closed 1008; server said:%n%s", out.tail()).isTrue();
                assertThat(out.dropped()).as("dropped as too slow").isEqualTo(IDLE);
                assertThat(driver.errors()).isEmpty();

                assertThat(server.isAlive()).as("alive; server said:%n%s", out.tail()).isTrue();
                HttpResponse<String> health = health(port);
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(Json.MAPPER.readTree(health.body()).path("clients").asInt()).isEqualTo(1);
                // A fresh client with the replay, as the React app connects.
                try (WireClient fresh = WireClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws"), Map.of(), WAIT)) {
                    Frame snapshot = fresh.next(WAIT).orElseThrow();
                    assertThat(snapshot.type()).isEqualTo("snapshot");
                    assertThat(snapshot.payload().path("tickets").size()).isEqualTo(INJECTS + BIG_ALERTS + deliveries * ALERTS);
                    // Still connected after its replay: not dropped for a replay larger than its bound.
                    fresh.send("{\"type\":\"ping\"}");
                    long end = System.nanoTime() + WAIT.toNanos();
                    Optional<Frame> f;
                    do {
                        f = fresh.next(Duration.ofNanos(Math.max(1, end - System.nanoTime())));
                    } while (f.isPresent() && !f.get().type().equals("pong"));
                    assertThat(f).as("a pong after the replay; server said:%n%s", out.tail()).isPresent();
                }
            }
            assertThat(server.isAlive()).as("alive; server said:%n%s", out.tail()).isTrue();
            assertThat(out.text()).doesNotContain("OutOfMemoryError");
        } finally {
            for (RawClient c : idle) {
                c.close();
            }
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static HttpResponse<String> post(int hooks, String body, Process server, Output out) throws Exception {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + hooks + "/hooks/alertmanager")).timeout(WAIT)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            server.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("a delivery failed: " + e + "; the server said:\n" + out.tail(), e);
        }
    }

    private static HttpResponse<String> health(int port) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code ALERTS} alerts on distinct hosts, each with as much text as an alert may carry. */
    private static String delivery(int n) {
        StringBuilder alerts = new StringBuilder();
        for (int i = 0; i < ALERTS; i++) {
            String fp = "d" + n + "a" + i;
            alerts.append(i == 0 ? "" : ",").append("""
                {"status":"firing","labels":{"alertname":"DiskFull","instance":"host-%s:9100","severity":"warning"},
                 "annotations":{"summary":"%s","description":"%s","runbook":"%s"},"startsAt":"2026-11-29T20:00:00Z",
                 "generatorURL":"http://prom/graph","fingerprint":"%s"}""".formatted(fp, "s".repeat(3000),
                    "d".repeat(4000), "r".repeat(8000), fp)); // the runbook is cut to 4000
        }
        return """
            {"version":"4","status":"firing","receiver":"opsdeck","groupKey":"g","groupLabels":{},"commonLabels":{},
             "commonAnnotations":{},"externalURL":"http://am","truncatedAlerts":0,"alerts":[%s]}""".formatted(alerts);
    }

    /** The driver: reads every frame on a thread of its own, as the React app would, and counts what it saw. */
    private static final class Reader implements AutoCloseable {
        final WireClient client;
        private int snapshots;
        private int created;
        private long bytes;
        private final List<String> errors = new ArrayList<>();
        private final Thread thread;

        Reader(WireClient client) {
            this.client = client;
            this.thread = new Thread(this::run, "driver");
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            try {
                while (true) {
                    Optional<Frame> f = client.next(Duration.ofDays(1));
                    if (f.isEmpty()) {
                        return;
                    }
                    synchronized (this) {
                        bytes += f.get().raw().length();
                        switch (f.get().type()) {
                            case "snapshot" -> snapshots++;
                            case "ticket_created" -> created++;
                            case "error" -> errors.add(f.get().raw());
                            default -> { }
                        }
                        notifyAll();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        synchronized void await(java.util.function.Predicate<Reader> done, String what) throws InterruptedException {
            long end = System.nanoTime() + WAIT.toNanos();
            while (!done.test(this)) {
                long left = end - System.nanoTime();
                assertThat(left).as("%s within %s; saw %d created, errors %s", what, WAIT, created, errors).isPositive();
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        synchronized long bytes() {
            return bytes;
        }

        synchronized List<String> errors() {
            return List.copyOf(errors);
        }

        @Override
        public void close() {
            client.close();
            thread.interrupt();
        }
    }

    /** A custom inject with every text field at its limit, each a distinct system so none is a duplicate. */
    private static Map<String, Object> inject(int i) {
        Map<String, Object> m = new HashMap<>();
        m.put("type", "inject");
        m.put("scenario", "custom");
        String name = "node-" + i + "-";
        m.put("system", name + "s".repeat(128 - name.length())); // the longest a system name may be
        m.put("issue", "i".repeat(100));
        m.put("description", ("the disk is full on " + i + " ").repeat(200).substring(0, 4000));
        return m;
    }

    /** The child's output, read on a thread of its own so it never blocks on a full pipe. */
    private static final class Output {
        private static final Pattern PORT = Pattern.compile("ws://127\\.0\\.0\\.1:(\\d+)/ws");
        private final StringBuffer text = new StringBuffer();
        private final CompletableFuture<Integer> port = new CompletableFuture<>();
        final CountDownLatch closed1008 = new CountDownLatch(IDLE);
        private int dropped;

        Output(Process p) {
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        text.append(line).append('\n');
                        Matcher m = PORT.matcher(line);
                        if (m.find()) {
                            port.complete(Integer.parseInt(m.group(1)));
                        }
                        if (line.contains("dropping client-") && line.contains("too slow")) {
                            synchronized (this) {
                                dropped++;
                            }
                        }
                        if (line.contains(" disconnected: 1008 too slow")) {
                            closed1008.countDown();
                        }
                    }
                } catch (IOException e) {
                    // the child ended
                }
                port.completeExceptionally(new IllegalStateException("the server ended before printing its address:\n" + text));
            }, "server-output");
            t.setDaemon(true);
            t.start();
        }

        int port() throws Exception {
            return port.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }

        synchronized int dropped() {
            return dropped;
        }

        String text() {
            return text.toString();
        }

        String tail() {
            String s = text.toString();
            return s.substring(Math.max(0, s.length() - 4000));
        }
    }
}
