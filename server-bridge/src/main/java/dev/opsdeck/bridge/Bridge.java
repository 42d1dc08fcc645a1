package dev.opsdeck.bridge;

import dev.opsdeck.bridge.api.HttpPort;
import dev.opsdeck.bridge.server.BridgeServer;
import dev.opsdeck.engine.Engine;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine mirrored over one port: {@code /ws} for live events and client requests, {@code /healthz},
 * {@code /snapshot} and {@code /world} as plain JSON (PROTOCOL.md); and, on a second port, the alert hooks. {@code opsdeck serve} runs it alone; the desktop
 * embeds the same bridge next to its window.
 *
 * <pre>{@code
 * try (Bridge bridge = Bridge.start(engine, BridgeConfig.defaults().withPort(0))) {
 *     connect(bridge.url());   // ws://127.0.0.1:PORT/ws
 * }
 * }</pre>
 */
public final class Bridge implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Bridge.class);
    private static final int CLOSE_WAIT_MS = 2000;

    private final BridgeServer server;
    private final HttpPort hooks;

    private Bridge(BridgeServer server, HttpPort hooks) {
        this.server = server;
        this.hooks = hooks;
    }

    /**
     * Binds and starts serving; returns once the port is listening.
     *
     * @throws IllegalArgumentException if the configuration is unsafe or invalid (a public address without a token)
     * @throws BridgeException          if the port cannot be bound
     */
    public static Bridge start(Engine engine, BridgeConfig config) {
        config.validate();
        BridgeServer server = new BridgeServer(engine, config);
        server.start();
        String where = config.host() + ":" + config.port();
        try {
            server.started().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            server.abandon();
            throw new BridgeException("cannot listen on " + where + " (" + e.getCause().getMessage()
                    + "); is another OpsDeck running? pick another --port", e.getCause());
        } catch (TimeoutException e) {
            throw new BridgeException("the bridge did not start listening on " + where + " within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BridgeException("interrupted while starting the bridge on " + where, e);
        }
        HttpPort hooks = null;
        int hooksPort = config.hooksPortFor(server.getPort());
        if (hooksPort != BridgeConfig.NO_HOOKS) {
            try {
                hooks = HttpPort.start(engine, config, hooksPort, VERSION);
            } catch (IOException e) {
                stop(server);
                throw new BridgeException("cannot listen for alert hooks on " + config.host() + ":" + hooksPort + " ("
                        + e.getMessage() + "); pick another --hooks-port", e);
            }
            server.hooksListening(hooks.port());
        }
        Bridge bridge = new Bridge(server, hooks);
        log.info("bridge listening on {}{}", bridge.url(), hooks == null ? "" : ", alert hooks on " + bridge.hooksUrl());
        return bridge;
    }

    /** The API's version, as its OpenAPI document states it. */
    static final String VERSION = "1.0.0";

    /** The port actually bound (the one asked for, or the free one picked for port 0). */
    public int port() {
        return server.getPort();
    }

    public String host() {
        return server.host();
    }

    /** The WebSocket address, {@code ws://HOST:PORT/ws}. */
    public String url() {
        return "ws://" + authority() + "/ws";
    }

    /** The base of the HTTP endpoints, {@code http://HOST:PORT}. */
    public String httpUrl() {
        return "http://" + authority();
    }

    private String authority() {
        String h = host();
        return (h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h) + ":" + port();
    }

    /** The base of the REST API, {@code http://HOST:HTTP_PORT/api/v1}, or empty when the HTTP port is off. */
    public String apiUrl() {
        String hooksUrl = hooksUrl();
        return hooksUrl.isEmpty() ? "" : hooksUrl.substring(0, hooksUrl.length() - "/hooks".length()) + "/api/v1";
    }

    /** The alert hooks' port, or -1 when they are off. */
    public int hooksPort() {
        return hooks == null ? -1 : hooks.port();
    }

    /** The base of the alert hooks, {@code http://HOST:HOOKS_PORT/hooks}, or empty when they are off. */
    public String hooksUrl() {
        if (hooks == null) {
            return "";
        }
        String h = host();
        return "http://" + (h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h) + ":" + hooks.port() + "/hooks";
    }

    /** Adds fields to {@code /healthz} for a caller with the token (the webhooks that fail, say). */
    public void healthExtras(java.util.function.Supplier<java.util.Map<String, ?>> extras) {
        server.healthExtras(extras);
    }

    /** Tells {@code listener} the client count whenever a client connects or leaves (the console's status line). */
    public void onClientsChanged(java.util.function.IntConsumer listener) {
        server.onClientsChanged(listener);
    }

    /**
     * What to do if the listening socket dies under the bridge (an accept failed: out of file descriptors). The
     * bridge logs it as an ERROR either way; a server process should exit non-zero so that its supervisor restarts
     * it, rather than live on with a dead port.
     */
    public void onListenerLost(Runnable action) {
        server.onListenerLost(action);
    }

    /** The socket side, for this package's tests to reach a connection as the socket thread would. */
    BridgeServer server() {
        return server;
    }

    /** Open WebSocket clients. */
    public int clients() {
        return server.clients();
    }

    /** Sends every client a close frame (1001, going away) and stops listening. The engine is the caller's. */
    @Override
    public void close() {
        if (hooks != null) {
            hooks.close();
        }
        stop(server);
    }

    private static void stop(BridgeServer server) {
        try {
            server.shutdown(CLOSE_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
