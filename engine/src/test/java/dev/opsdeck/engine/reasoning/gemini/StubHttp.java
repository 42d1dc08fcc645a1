package dev.opsdeck.engine.reasoning.gemini;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.agent.ToolSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * What every stub model server does alike, whatever its wire: a JDK {@code HttpServer} on 127.0.0.1 with daemon
 * threads, the agent asking told by its instruction and tools, each agent's asks counted, and JSON answers written.
 */
public final class StubHttp implements AutoCloseable {

    static {
        // The JDK server writes headers and body apart; with Nagle on, each answer waits ~40 ms for a delayed ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService pool;
    private final Map<Agent, AtomicInteger> perAgent = new ConcurrentHashMap<>();

    private StubHttp(HttpServer server, ExecutorService pool) {
        this.server = server;
        this.pool = pool;
    }

    /** Serves {@code handler} on 127.0.0.1:{@code port} (0 picks a free one) on threads named {@code threadName}. */
    public static StubHttp start(int port, String threadName, HttpHandler handler) throws IOException {
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", handler);
        server.setExecutor(pool);
        server.start();
        return new StubHttp(server, pool);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The agent asking: the one its instruction names (fixers share one tool set), holding exactly these tools. */
    public static Agent agentOf(Set<String> tools, String systemInstruction) {
        for (Agent a : Agent.values()) {
            if (a.kind() == Agent.Kind.MODEL && systemInstruction.startsWith("You are " + a.displayName() + ",")
                    && a.tools().stream().map(ToolSpec::name).collect(Collectors.toSet()).equals(tools)) {
                return a;
            }
        }
        return null;
    }

    /** Which ask of its agent this is (1 for the first); 0 when no agent was recognised. */
    public int nthOf(Agent agent) {
        return agent == null ? 0 : perAgent.computeIfAbsent(agent, a -> new AtomicInteger()).incrementAndGet();
    }

    /** Writes {@code body} with this status, content type and extra headers, and ends the answer. */
    public static void send(HttpExchange ex, int status, String body, String contentType, Map<String, String> headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", contentType);
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
