package dev.opsdeck.bridge;

import dev.opsdeck.bridge.people.Users;
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
 * @param maxBacklog     bytes a client may have queued and unsent before it is dropped (1008); must hold a snapshot
 *                       and a full replay. Live events are encoded once and shared by every client, so clients that
 *                       fall behind together hold the same bytes, not a copy each
 * @param dropGrace      how long a dropped client has to take its close frame before the socket is cut
 * @param maxFrameBytes  the largest frame a client may send; a bigger one closes the connection with 1009
 * @param allowedHosts   with no token, the names a request may be addressed to ({@code Host}) besides localhost,
 *                       127.0.0.1, [::1] and the listen address: others are refused (403), against DNS rebinding
 * @param handshakeTimeout how long a connection may take to send a complete request (or upgrade) before it is cut
 * @param coalesce       how long a busy writer (one that found events waiting) gathers more before writing, so that
 *                       a client gets one write per batch rather than per event; an idle writer writes at once, and
 *                       zero never gathers
 * @param hooksPort      the alert hooks' port; {@link #HOOKS_NEXT_PORT} means the bridge's port + 1 (any free port
 *                       when the bridge's is 0), {@link #NO_HOOKS} none
 * @param stallLimit     how long a client may take none of the bytes waiting for it (or take to join) before the
 *                       writer's watchdog closes it with 1008, telling it to reconnect
 * @param users          the people known by their own tokens ({@code --users FILE}); their names go on their acts
 */
public record BridgeConfig(
        String host,
        int port,
        String token,
        List<String> allowedOrigins,
        int maxBacklog,
        Duration dropGrace,
        int maxFrameBytes,
        List<String> allowedHosts,
        Duration handshakeTimeout,
        Duration coalesce,
        int hooksPort,
        Duration stallLimit,
        Users users) {

    public static final int DEFAULT_PORT = 8000;
    public static final int HOOKS_NEXT_PORT = -1;
    public static final int NO_HOOKS = -2;

    public BridgeConfig {
        allowedOrigins = List.copyOf(allowedOrigins == null ? List.of() : allowedOrigins);
        allowedHosts = List.copyOf(allowedHosts == null ? List.of() : allowedHosts);
        token = token == null || token.isBlank() ? null : token;
        users = users == null ? Users.none() : users;
    }

    /**
     * Loopback port 8000, no token, a backlog of 32 MiB (a 4,000-event replay of large flows is about 5 MiB), 64 KiB
     * client frames, a 10 s handshake timeout, writes coalesced over 2 ms, the hooks on the next port, a client that
     * takes nothing for 30 s closed.
     */
    public static BridgeConfig defaults() {
        return new BridgeConfig("127.0.0.1", DEFAULT_PORT, null, List.of(), 32 << 20, Duration.ofSeconds(5), 64 * 1024,
                List.of(), Duration.ofSeconds(10), Duration.ofMillis(2), HOOKS_NEXT_PORT, Duration.ofSeconds(30),
                Users.none());
    }

    public BridgeConfig withHost(String h) {
        return new BridgeConfig(h, port, token, allowedOrigins, maxBacklog, dropGrace, maxFrameBytes, allowedHosts,
                handshakeTimeout, coalesce, hooksPort, stallLimit, users);
    }

    public BridgeConfig withPort(int p) {
        return new BridgeConfig(host, p, token, allowedOrigins, maxBacklog, dropGrace, maxFrameBytes, allowedHosts,
                handshakeTimeout, coalesce, hooksPort, stallLimit, users);
    }

    public BridgeConfig withToken(String t) {
        return new BridgeConfig(host, port, t, allowedOrigins, maxBacklog, dropGrace, maxFrameBytes, allowedHosts,
                handshakeTimeout, coalesce, hooksPort, stallLimit, users);
    }

    public BridgeConfig withAllowedOrigins(List<String> origins) {
        return new BridgeConfig(host, port, token, origins, maxBacklog, dropGrace, maxFrameBytes, allowedHosts,
                handshakeTimeout, coalesce, hooksPort, stallLimit, users);
    }

    public BridgeConfig withMaxBacklog(int bytes) {
        return new BridgeConfig(host, port, token, allowedOrigins, bytes, dropGrace, maxFrameBytes, allowedHosts,
                handshakeTimeout, coalesce, hooksPort, stallLimit, users);
    }

    public BridgeConfig withDropGrace(Duration d) {
        return new BridgeConfig(host, port, token, allowedOrigins, maxBacklog, d, maxFrameBytes, allowedHosts,
                handshakeTimeout, coalesce, hooksPort, stallLimit, users);
    }

    public BridgeConfig withHooksPort(int p) {
        return new BridgeConfig(host, port, token, allowedOrigins, maxBacklog, dropGrace, maxFrameBytes, allowedHosts,
                handshakeTimeout, coalesce, p, stallLimit, users);
    }

    /** The hooks' port to bind once the bridge listens on {@code boundPort}; {@link #NO_HOOKS} for none. */
    public int hooksPortFor(int boundPort) {
        if (hooksPort != HOOKS_NEXT_PORT) {
            return hooksPort;
        }
        return port == 0 ? 0 : boundPort + 1;
    }

    public BridgeConfig withAllowedHosts(List<String> names) {
        return new BridgeConfig(host, port, token, allowedOrigins, maxBacklog, dropGrace, maxFrameBytes, names,
                handshakeTimeout, coalesce, hooksPort, stallLimit, users);
    }

    public BridgeConfig withHandshakeTimeout(Duration d) {
        return new BridgeConfig(host, port, token, allowedOrigins, maxBacklog, dropGrace, maxFrameBytes, allowedHosts, d,
                coalesce, hooksPort, stallLimit, users);
    }

    public BridgeConfig withCoalesce(Duration d) {
        return new BridgeConfig(host, port, token, allowedOrigins, maxBacklog, dropGrace, maxFrameBytes, allowedHosts,
                handshakeTimeout, d, hooksPort, stallLimit, users);
    }

    public BridgeConfig withStallLimit(Duration d) {
        return new BridgeConfig(host, port, token, allowedOrigins, maxBacklog, dropGrace, maxFrameBytes, allowedHosts,
                handshakeTimeout, coalesce, hooksPort, d, users);
    }

    /** The people known by their own tokens ({@code --users FILE}); a request then needs one of theirs or the shared one. */
    public BridgeConfig withUsers(Users u) {
        return new BridgeConfig(host, port, token, allowedOrigins, maxBacklog, dropGrace, maxFrameBytes, allowedHosts,
                handshakeTimeout, coalesce, hooksPort, stallLimit, u);
    }

    /** Whether a request must carry a token: the shared one or a user's. */
    public boolean hasToken() {
        return token != null || !users.isEmpty();
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
        if (handshakeTimeout == null || handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("the handshake timeout must be longer than zero, got " + handshakeTimeout);
        }
        if (coalesce == null || coalesce.isNegative() || coalesce.toMillis() > 1000) {
            throw new IllegalArgumentException("the write coalescing delay must be between 0 and 1 s, got " + coalesce);
        }
        if (stallLimit == null || stallLimit.toMillis() < 100) {
            throw new IllegalArgumentException("the stall limit must be at least 100 ms, got " + stallLimit);
        }
        if (!hasToken() && !loopback(host)) {
            throw new IllegalArgumentException("refusing to listen on " + host + " without a token: anyone who can reach"
                    + " it could drive the engine; pass --token SECRET or --users FILE, or listen on 127.0.0.1");
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
