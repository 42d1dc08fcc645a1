package dev.opsdeck.bridge.server;

import dev.opsdeck.bridge.BridgeConfig;
import dev.opsdeck.bridge.people.Users;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, per request, before anything is served: the browser's origin (else 403), the path (else 404), the token
 * (else 401; {@code /healthz} stays open so a supervisor can probe without the secret), with no token the
 * {@code Host} the request was sent to (else 403: a page on another name that resolves to 127.0.0.1, a DNS
 * rebinding, must not read the tickets), and for {@code /ws} an actual upgrade (else 426). Pure: no sockets, no
 * engine.
 */
public final class Gate {

    static final String WS = "/ws";
    static final Set<String> ENDPOINTS = Set.of("/healthz", "/snapshot", "/world", "/server");

    private final String token;
    private final Users users;
    private final boolean guarded;
    private final List<String> origins;
    private final Set<String> hosts;

    public Gate(BridgeConfig config, String ownOrigin) {
        this.token = config.token();
        this.users = config.users();
        this.guarded = config.hasToken();
        Set<String> h = new java.util.HashSet<>(Set.of("localhost", "127.0.0.1", "[::1]", "::1"));
        h.add(config.host().toLowerCase(Locale.ROOT));
        config.allowedHosts().forEach(x -> h.add(x.toLowerCase(Locale.ROOT)));
        this.hosts = Set.copyOf(h);
        List<String> o = new ArrayList<>(List.of("http://localhost:*", "http://127.0.0.1:*", "http://[::1]:*", ownOrigin));
        o.addAll(config.allowedOrigins());
        this.origins = List.copyOf(o);
    }

    /**
     * @param target  the request target, path and query ({@code /ws?replay=0})
     * @param origin  the {@code Origin} header, empty when absent (not a browser)
     * @param auth    the {@code Authorization} header, empty when absent
     * @param host    the {@code Host} header, empty when absent (HTTP/1.0)
     * @param upgrade whether the request asks for a WebSocket
     */
    Admission admit(String target, String origin, String auth, String host, boolean upgrade) {
        if (!origin.isEmpty() && !originAllowed(origin)) {
            return new Admission.Refused(HttpReply.problem(403, "Forbidden",
                    "origin " + origin + " is not allowed; start the bridge with --allow-origin " + origin));
        }
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        Map<String, String> query = query(q < 0 ? "" : target.substring(q + 1));
        boolean known = path.equals(WS) || ENDPOINTS.contains(path);
        if (!known || (upgrade && !path.equals(WS))) {
            return new Admission.Refused(HttpReply.problem(404, "Not Found",
                    "no such endpoint " + path + "; try /healthz, /snapshot, /world, /server or the WebSocket at /ws"));
        }
        if (!path.equals("/healthz") && foreignHost(host)) {
            return new Admission.Refused(foreignHostReply(host));
        }
        String user = who(query.get("token"), auth).orElse(null);
        if (guarded && !path.equals("/healthz") && user == null) {
            return new Admission.Refused(HttpReply.problem(401, "Unauthorized",
                    "a token is required: add ?token=... or the header Authorization: Bearer ...")
                    .withHeader("WWW-Authenticate", "Bearer"));
        }
        if (path.equals(WS)) {
            return upgrade ? new Admission.Socket(!"0".equals(query.get("replay")), user,
                    "1".equals(query.get("presence")))
                    : new Admission.Refused(HttpReply.problem(426, "Upgrade Required",
                            "/ws is a WebSocket: connect with a WebSocket client").withHeader("Upgrade", "websocket"));
        }
        return new Admission.Endpoint(path, !guarded || user != null, user);
    }

    /**
     * The alert hooks' port: the same origin, host and token rules as every endpoint here, for a request to one of
     * the hooks' paths; empty when it may pass.
     *
     * @param host the {@code Host} header, empty when absent
     */
    public java.util.Optional<HttpReply> screenHook(String target, String origin, String auth, String host) {
        if (!origin.isEmpty() && !originAllowed(origin)) {
            return java.util.Optional.of(HttpReply.problem(403, "Forbidden",
                    "origin " + origin + " is not allowed; start the bridge with --allow-origin " + origin));
        }
        if (foreignHost(host)) {
            return java.util.Optional.of(foreignHostReply(host));
        }
        int q = target.indexOf('?');
        if (guarded && who(query(q < 0 ? "" : target.substring(q + 1)).get("token"), auth).isEmpty()) {
            return java.util.Optional.of(HttpReply.problem(401, "Unauthorized",
                    "a token is required: add ?token=... or the header Authorization: Bearer ... "
                            + "(Alertmanager: http_config.authorization.credentials)")
                    .withHeader("WWW-Authenticate", "Bearer"));
        }
        return java.util.Optional.empty();
    }

    /**
     * The HTTP API: the same rules as {@link #screenHook} (origin, with no token the {@code Host}, the token), and who
     * the request is: the user its token names, {@code anonymous} on a server that asks for none.
     */
    public Screened screenApi(String target, String origin, String auth, String host) {
        Optional<HttpReply> refused = screenHook(target, origin, auth, host);
        if (refused.isPresent()) {
            return new Screened(refused.get(), null);
        }
        int q = target.indexOf('?');
        return new Screened(null, who(query(q < 0 ? "" : target.substring(q + 1)).get("token"), auth)
                .orElse("anonymous"));
    }

    /** A refusal (the user then null), or the user a request may act as. */
    public record Screened(HttpReply refused, String user) {
    }

    /** Whether a browser page from this origin may read the answers (the CORS header) and drive the engine. */
    public boolean originAllowed(String origin) {
        String o = origin.toLowerCase(Locale.ROOT);
        for (String pattern : origins) {
            String p = pattern.toLowerCase(Locale.ROOT);
            if (p.equals("*") || p.equals(o)) {
                return true;
            }
            if (p.endsWith(":*")) {
                String base = p.substring(0, p.length() - 2);
                if (o.equals(base) || (o.startsWith(base + ":") && o.substring(base.length() + 1).matches("\\d{1,5}"))) {
                    return true;
                }
            }
        }
        return false;
    }

    // With no token, the name a request was addressed to is all that tells a page on a rebound name from ours.
    private boolean foreignHost(String host) {
        return !guarded && !host.isEmpty() && !hostAllowed(host);
    }

    private static HttpReply foreignHostReply(String host) {
        return HttpReply.problem(403, "Forbidden", "this bridge answers to localhost, 127.0.0.1 and [::1], not to "
                + host + "; start it with --allow-host NAME to add a name");
    }

    // The Host header less its port: "name:8000", "[::1]:8000", "name".
    private boolean hostAllowed(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            h = close < 0 ? h : h.substring(0, close + 1);
        } else if (h.indexOf(':') == h.lastIndexOf(':') && h.indexOf(':') >= 0) {
            h = h.substring(0, h.indexOf(':'));
        }
        return hosts.contains(h);
    }

    /**
     * Who a request is, by its token ({@code ?token=} first, else {@code Authorization: Bearer}): a user of
     * {@code --users} by name, the shared {@code --token} as {@link Users#SHARED_TOKEN}; empty for no token or a
     * wrong one (and always on a server that asks for none: nothing names the caller there).
     */
    public Optional<String> who(String fromQuery, String auth) {
        String given = fromQuery;
        if (given == null && auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            given = auth.substring(7).trim();
        }
        if (given == null || given.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> user = users.nameFor(given);
        if (user.isPresent()) {
            return user;
        }
        // Constant time, so the answer's timing does not tell how much of a guess was right.
        return token != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8)) ? Optional.of(Users.SHARED_TOKEN) : Optional.empty();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                out.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                out.putIfAbsent(k, v); // a malformed %-escape: keep the raw text; it simply will not match
            }
        }
        return out;
    }
}
