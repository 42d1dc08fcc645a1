package dev.opsdeck.bridge;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

/**
 * Where and how the bridge listens.
 *
 * @param token          the access token every endpoint but {@code /healthz} requires; null or blank means none
 * @param allowedOrigins browser origins allowed on top of the defaults ({@code http://localhost:*},
 *                       {@code http://127.0.0.1:*}, the bridge's own origin); {@code *} allows any
 * @param maxBacklog     frames a client may have queued and unsent before it is dropped; must hold a full replay
 * @param dropGrace      how long a dropped client has to take its close frame before the socket is cut
 * @param maxFrameBytes  the largest frame a client may send; a bigger one closes the connection with 1009
 * @param hooksPort      the alert hooks' port; {@link #HOOKS_NEXT_PORT} means the bridge's port + 1 (any free port
 *                       when the bridge's is 0), {@link #NO_HOOKS} none
 */
public record BridgeConfig(
        String host,
        int port,
        String token,
        List<String> allowedOrigins,
        int maxBacklog,
        Duration dropGrace,
        int maxFrameBytes,
        int hooksPort) {

    public static final int DEFAULT_PORT = 8000;
    public static final int HOOKS_NEXT_PORT = -1;
    public static final int NO_HOOKS = -2;

    public BridgeConfig {
        allowedOrigins = List.copyOf(allowedOrigins == null ? List.of() : allowedOrigins);
        token = token == null || token.isBlank() ? null : token;
    }

    /** Loopback port 8000, no token, a backlog of 8192 frames (twice the longest replay), 64 KiB client frames. */
    public static BridgeConfig defaults() {
        return new BridgeConfig("127.0.0.1", DEFAULT_PORT, null, List.of(), 8192, Duration.ofSeconds(5), 64 * 1024,
                HOOKS_NEXT_PORT);
    }

    public BridgeConfig withHost(String h) {
        return new BridgeConfig(h, port, token, allowedOrigins, maxBacklog, dropGrace, maxFrameBytes, hooksPort);
    }

    public BridgeConfig withPort(int p) {
        return new BridgeConfig(host, p, token, allowedOrigins, maxBacklog, dropGrace, maxFrameBytes, hooksPort);
    }

    public BridgeConfig withToken(String t) {
        return new BridgeConfig(host, port, t, allowedOrigins, maxBacklog, dropGrace, maxFrameBytes, hooksPort);
    }

    public BridgeConfig withAllowedOrigins(List<String> origins) {
        return new BridgeConfig(host, port, token, origins, maxBacklog, dropGrace, maxFrameBytes, hooksPort);
    }

    public BridgeConfig withMaxBacklog(int frames) {
        return new BridgeConfig(host, port, token, allowedOrigins, frames, dropGrace, maxFrameBytes, hooksPort);
    }

    public BridgeConfig withDropGrace(Duration d) {
        return new BridgeConfig(host, port, token, allowedOrigins, maxBacklog, d, maxFrameBytes, hooksPort);
    }

    public BridgeConfig withHooksPort(int p) {
        return new BridgeConfig(host, port, token, allowedOrigins, maxBacklog, dropGrace, maxFrameBytes, p);
    }

    /** The hooks' port to bind once the bridge listens on {@code boundPort}; {@link #NO_HOOKS} for none. */
    public int hooksPortFor(int boundPort) {
        if (hooksPort != HOOKS_NEXT_PORT) {
            return hooksPort;
        }
        return port == 0 ? 0 : boundPort + 1;
    }

    public boolean hasToken() {
        return token != null;
    }

    /**
     * Refuses what would be unsafe or cannot work, with the fix in the message: above all, listening beyond this
     * machine without a token, which would let anyone on the network drive the engine.
     */
    public void validate() {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range; use 1-65535 (or 0 for any free port)");
        }
        if (hooksPort < NO_HOOKS || hooksPort > 65535 || (hooksPort == HOOKS_NEXT_PORT && port == 65535)) {
            throw new IllegalArgumentException("hooks port " + hooksPort + " is out of range; use 1-65535 (or 0 for any"
                    + " free port)");
        }
        if (maxBacklog < 1 || maxFrameBytes < 1) {
            throw new IllegalArgumentException("the client backlog and frame limits must be positive");
        }
        if (!hasToken() && !loopback(host)) {
            throw new IllegalArgumentException("refusing to listen on " + host + " without a token: anyone who can reach"
                    + " it could drive the engine; pass --token SECRET, or listen on 127.0.0.1");
        }
    }

    private static boolean loopback(String host) {
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve the listen address '" + host + "'; use an IP such as 127.0.0.1");
        }
    }
}
