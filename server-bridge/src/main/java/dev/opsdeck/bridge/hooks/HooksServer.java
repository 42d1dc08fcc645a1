package dev.opsdeck.bridge.hooks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.opsdeck.bridge.BridgeConfig;
import dev.opsdeck.bridge.server.Gate;
import dev.opsdeck.bridge.server.HttpReply;
import dev.opsdeck.bridge.wire.Documents;
import dev.opsdeck.engine.Engine;
import dev.opsdeck.engine.alert.AlertNotice;
import dev.opsdeck.engine.alert.AlertPayload;
import dev.opsdeck.engine.alert.AlertReceipt;
import dev.opsdeck.engine.alert.BadPayload;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert hooks, {@code POST /hooks/alertmanager} and {@code POST /hooks/grafana}, on their own port: the
 * WebSocket library's handshake parser refuses any method but GET, so the hooks use the JDK's HTTP server (no new
 * dependency). The bridge's {@link Gate} screens every request (origin, with no token the {@code Host}, token).
 * A delivery is parsed whole, then handed to the engine, which stores it before the 202 goes out; a bad one is
 * refused whole with a one-line reason. Requests run on the {@code opsdeck-hooks} threads.
 */
public final class HooksServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HooksServer.class);

    /** The largest delivery taken: Alertmanager's biggest groups stay far below it. */
    public static final int MAX_BODY_BYTES = 1 << 20;
    public static final String ALERTMANAGER = "/hooks/alertmanager";
    public static final String GRAFANA = "/hooks/grafana";

    private final HttpServer server;
    private final ExecutorService threads;
    private final Engine engine;
    private final Gate gate;

    private HooksServer(HttpServer server, ExecutorService threads, Engine engine, Gate gate) {
        this.server = server;
        this.threads = threads;
        this.engine = engine;
        this.gate = gate;
    }

    /**
     * Binds {@code port} (0: any free one) on the bridge's host and starts serving.
     *
     * @throws IOException if the port cannot be bound
     */
    public static HooksServer start(Engine engine, BridgeConfig config, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(config.host(), port), 64);
        AtomicInteger n = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "opsdeck-hooks-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        Gate gate = new Gate(config, "http://" + host + ":" + server.getAddress().getPort());
        HooksServer hooks = new HooksServer(server, threads, engine, gate);
        server.createContext("/", hooks::handle);
        server.setExecutor(threads);
        server.start();
        return hooks;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange x) {
        try (x) {
            HttpReply r;
            try {
                r = answer(x);
            } catch (RuntimeException e) {
                log.error("alert hook failed", e);
                // A 5xx: Alertmanager retries, and the delivery was refused whole, so a retry is safe.
                r = HttpReply.problem(500, "Internal Server Error", "the hook failed: " + e);
            }
            reply(x, r);
        } catch (IOException e) {
            log.debug("hook client went away: {}", e.toString());
        }
    }

    private HttpReply answer(HttpExchange x) throws IOException {
        String target = x.getRequestURI().getRawPath()
                + (x.getRequestURI().getRawQuery() == null ? "" : "?" + x.getRequestURI().getRawQuery());
        String path = x.getRequestURI().getPath();
        AlertPayload.Source source = path.equals(ALERTMANAGER) ? AlertPayload.Source.ALERTMANAGER
                : path.equals(GRAFANA) ? AlertPayload.Source.GRAFANA : null;
        if (source == null) {
            return HttpReply.problem(404, "Not Found", "no such hook " + path + "; POST to " + ALERTMANAGER + " or " + GRAFANA);
        }
        String origin = header(x, "Origin");
        var refused = gate.screenHook(target, origin, header(x, "Authorization"), header(x, "Host"));
        if (refused.isPresent()) {
            return refused.get();
        }
        if (!x.getRequestMethod().equals("POST")) {
            return HttpReply.problem(405, "Method Not Allowed", path + " takes a POST of the webhook's JSON")
                    .withHeader("Allow", "POST");
        }
        String length = header(x, "Content-Length");
        if (!length.isEmpty() && length.matches("\\d{1,18}") && Long.parseLong(length) > MAX_BODY_BYTES) {
            return tooLarge();
        }
        byte[] body = readAtMost(x.getRequestBody(), MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            return tooLarge();
        }
        List<AlertNotice> notices;
        try {
            notices = AlertPayload.parse(new String(body, StandardCharsets.UTF_8), source);
        } catch (BadPayload e) {
            return HttpReply.problem(400, "Bad Request", e.getMessage());
        }
        AlertReceipt receipt;
        try {
            receipt = engine.receiveAlerts(notices);
        } catch (RuntimeException e) {
            log.error("could not take an alert delivery", e);
            // A 5xx: Alertmanager retries it, and nothing of it was kept.
            return HttpReply.problem(503, "Service Unavailable", "the delivery could not be stored: " + e.getMessage());
        }
        return new HttpReply(202, "Accepted", java.util.Map.of(), Documents.alertReceipt(receipt));
    }

    /** What is read and dropped of a refused body, so its sender sees the reply and not a reset connection. */
    private static final long DRAIN_BYTES = 16L << 20;

    private static HttpReply tooLarge() {
        return HttpReply.problem(413, "Payload Too Large", "the delivery is over " + MAX_BODY_BYTES
                + " bytes (1 MiB); lower Alertmanager's max_alerts for this receiver");
    }

    /** Reads and drops what is left of a body (skip() would pass the body's end: the JDK stream delegates it). */
    private static void drain(InputStream in) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long left = DRAIN_BYTES;
        for (int n = in.read(buf); n > 0 && left > 0; n = in.read(buf)) {
            left -= n;
        }
    }

    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        return in.readNBytes(limit);
    }

    private void reply(HttpExchange x, HttpReply r) throws IOException {
        if (r.status() >= 400) {
            drain(x.getRequestBody());
            x.getResponseHeaders().set("Connection", "close");
        }
        byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        x.getResponseHeaders().set("Cache-Control", "no-store");
        String origin = header(x, "Origin");
        if (!origin.isEmpty() && gate.originAllowed(origin)) {
            x.getResponseHeaders().set("Access-Control-Allow-Origin", origin);
            x.getResponseHeaders().set("Vary", "Origin");
        }
        r.headers().forEach((k, v) -> x.getResponseHeaders().set(k, v));
        x.sendResponseHeaders(r.status(), body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    private static String header(HttpExchange x, String name) {
        String v = x.getRequestHeaders().getFirst(name);
        return v == null ? "" : v.trim();
    }

    /** Stops listening; a delivery being taken finishes first (up to a second). */
    @Override
    public void close() {
        server.stop(1);
        threads.shutdownNow();
    }
}
