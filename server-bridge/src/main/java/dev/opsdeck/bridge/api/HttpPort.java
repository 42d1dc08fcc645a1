package dev.opsdeck.bridge.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.bridge.BridgeConfig;
import dev.opsdeck.bridge.hooks.AlertHooks;
import dev.opsdeck.bridge.server.Gate;
import dev.opsdeck.bridge.server.HttpReply;
import dev.opsdeck.bridge.wire.WireFormat;
import dev.opsdeck.engine.Engine;
import dev.opsdeck.engine.RequestKeys;
import dev.opsdeck.engine.store.StoreException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP port beside the WebSocket's ({@code --http-port}, alias {@code --hooks-port}): the alert hooks and the
 * REST + SSE API with its OpenAPI document. On Javalin (Jetty 12): the WebSocket library's handshake parser takes
 * only GET, and an API of POSTs, path parameters, request bodies and a long-lived event stream is what a
 * well-kept HTTP framework does better than more hand-written HTTP. Every request is screened by the bridge's
 * {@link Gate} first (origin, with no token the {@code Host}, the token), which also says who it is.
 */
public final class HttpPort implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpPort.class);
    /** The largest API request body taken. */
    static final int MAX_API_BODY = 64 * 1024;

    private final Javalin app;
    private volatile Gate gate;
    private final AlertHooks hooks;
    private final Api api;
    private final EventFeed feed;
    private final Idempotency idempotency;

    private HttpPort(Engine engine, BridgeConfig config, String version) {
        this.hooks = new AlertHooks(engine);
        this.feed = new EventFeed(engine);
        this.idempotency = new Idempotency(engine.requestKeys());
        this.api = new Api(engine, version);
        this.app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.jetty.host = config.host();
            c.http.maxRequestSize = AlertHooks.MAX_BODY_BYTES;
            c.routes.before(this::screen);
            for (String hook : List.of(AlertHooks.ALERTMANAGER, AlertHooks.GRAFANA)) {
                for (HandlerType m : List.of(HandlerType.POST, HandlerType.GET, HandlerType.PUT, HandlerType.DELETE,
                        HandlerType.PATCH)) {
                    c.routes.addHttpHandler(m, hook, this::hook);
                }
            }
            for (Route r : api.routes()) {
                if (r.isStream()) {
                    c.routes.sse(r.path(), client -> feed.open(client, client.ctx().attribute("user"),
                            client.ctx().header("Last-Event-ID"), !"0".equals(client.ctx().queryParam("replay"))));
                } else {
                    c.routes.addHttpHandler(r.isPost() ? HandlerType.POST : HandlerType.GET, r.path(),
                            ctx -> serve(r, ctx));
                }
            }
            c.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty() || !ctx.result().startsWith("{")) {
                    send(ctx, HttpReply.problem(404, "Not Found", "no such endpoint " + ctx.path()
                            + "; see GET " + Api.BASE + "/openapi.json, or POST to " + AlertHooks.ALERTMANAGER));
                }
            });
            c.routes.error(405, ctx -> send(ctx, HttpReply.problem(405, "Method Not Allowed", ctx.method() + " is not"
                    + " served on " + ctx.path() + "; see GET " + Api.BASE + "/openapi.json")));
            c.routes.exception(Exception.class, (e, ctx) -> {
                log.error("{} {} failed", ctx.method(), ctx.path(), e);
                send(ctx, HttpReply.problem(500, "Internal Server Error", "the server failed on this request: " + e));
            });
        });
        this.gate = new Gate(config, "http://" + hostForUrl(config.host()) + ":0");
    }

    /**
     * Binds {@code port} (0: any free one) on the bridge's host and starts serving.
     *
     * @throws IOException if the port cannot be bound
     */
    public static HttpPort start(Engine engine, BridgeConfig config, int port, String version) throws IOException {
        HttpPort p = new HttpPort(engine, config, version);
        try {
            p.app.start(config.host(), port);
            p.gate = new Gate(config, "http://" + hostForUrl(config.host()) + ":" + p.app.port());
        } catch (RuntimeException e) {
            p.app.stop();
            throw new IOException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
        return p;
    }

    public int port() {
        return app.port();
    }


    // The gate's refusal ends the request here; else the user it names goes with the request.
    private void screen(Context ctx) {
        String target = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        Gate.Screened s = gate.screenApi(target, header(ctx, "Origin"), header(ctx, "Authorization"),
                header(ctx, "Host"));
        if (s.refused() != null) {
            AlertHooks.drain(body(ctx));
            send(ctx, s.refused());
            ctx.skipRemainingHandlers();
            return;
        }
        ctx.attribute("user", s.user());
        String origin = header(ctx, "Origin");
        if (!origin.isEmpty() && gate.originAllowed(origin)) {
            ctx.header("Access-Control-Allow-Origin", origin);
            ctx.header("Vary", "Origin");
        }
    }

    private void hook(Context ctx) throws IOException {
        HttpReply r;
        try {
            r = hooks.answer(ctx.method().name(), ctx.path(), header(ctx, "Content-Length"), body(ctx));
        } catch (RuntimeException e) {
            log.error("alert hook failed", e);
            // A 5xx: Alertmanager retries, and the delivery was refused whole, so a retry is safe.
            r = HttpReply.problem(500, "Internal Server Error", "the hook failed: " + e);
        }
        if (r.status() >= 400) {
            AlertHooks.drain(body(ctx));
            ctx.header("Connection", "close");
        }
        send(ctx, r);
    }

    private void serve(Route r, Context ctx) throws IOException {
        String user = ctx.attribute("user");
        byte[] raw = new byte[0];
        if (r.isPost()) {
            String length = header(ctx, "Content-Length");
            if (length.matches("\\d{1,18}") && Long.parseLong(length) > MAX_API_BODY) {
                AlertHooks.drain(body(ctx));
                reply(ctx, 413, Map.of("error", "the body is over " + MAX_API_BODY + " bytes"));
                return;
            }
            raw = body(ctx).readNBytes(MAX_API_BODY + 1);
            if (raw.length > MAX_API_BODY) {
                AlertHooks.drain(body(ctx));
                reply(ctx, 413, Map.of("error", "the body is over " + MAX_API_BODY + " bytes"));
                return;
            }
        }
        String key = ctx.header("Idempotency-Key");
        if (!r.isPost() || key == null) {
            Route.Reply answer = run(r, ctx, user, raw);
            reply(ctx, answer.status(), answer.body());
            return;
        }
        if (key.isBlank() || key.length() > 200) {
            reply(ctx, 400, Map.of("error", "Idempotency-Key must be 1 to 200 characters"));
            return;
        }
        String request = r.path() + " " + ctx.path() + " " + sha256(raw);
        RequestKeys keys = idempotency.keys();
        synchronized (idempotency.lockFor(user, key)) {
            RequestKeys.Claim claim;
            try {
                claim = keys.claim(user, key, request);
            } catch (StoreException e) {
                reply(ctx, 503, Map.of("error", "the Idempotency-Key cannot be checked: " + e.getMessage()
                        + "; nothing was done, retry once the store is back"));
                return;
            }
            switch (claim.found()) {
                case OTHER_REQUEST -> {
                    reply(ctx, 409, Map.of("error", "this Idempotency-Key was used for another request; use a new"
                            + " key for a new request"));
                    return;
                }
                case IN_FLIGHT -> {
                    ctx.header("Retry-After", "1");
                    reply(ctx, 409, Map.of("error", "the first request with this Idempotency-Key is still being"
                            + " answered (on another server of the team); retry it in a moment for its answer"));
                    return;
                }
                case ANSWERED -> {
                    ctx.header("Idempotent-Replayed", "true");
                    ctx.status(claim.status()).contentType("application/json; charset=utf-8").result(claim.body());
                    return;
                }
                case HELD -> {
                }
            }
            Route.Reply answer = run(r, ctx, user, raw);
            String body = answer.body() instanceof String s ? s : WireFormat.json(answer.body());
            try {
                if (answer.status() < 500) {
                    keys.answer(user, key, answer.status(), body);
                } else {
                    keys.release(user, key);
                }
            } catch (StoreException e) {
                // Done, but not kept: a retry within a minute is told it is in flight, later it would run again.
                log.warn("the answer to Idempotency-Key {} of {} could not be kept: {}", key, user, e.getMessage());
            }
            ctx.status(answer.status()).contentType("application/json; charset=utf-8").result(body);
        }
    }

    private Route.Reply run(Route r, Context ctx, String user, byte[] raw) {
        try {
            JsonNode body = null;
            if (r.request() != null) {
                try {
                    body = raw.length == 0 ? null : WireFormat.read(raw);
                } catch (IOException e) {
                    throw new ApiError(400, "the body is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
                }
            }
            Map<String, String> query = new LinkedHashMap<>();
            ctx.queryParamMap().forEach((k, v) -> query.put(k, v.isEmpty() ? "" : v.get(0)));
            return r.action().handle(new Route.Call(user, ctx.pathParamMap(), query, body));
        } catch (ApiError e) {
            if (e.status == 429) {
                ctx.header("Retry-After", "5");
            }
            return new Route.Reply(e.status, e.body());
        }
    }

    private static void reply(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json; charset=utf-8")
                .result(body instanceof String s ? s : WireFormat.json(body));
    }

    private static void send(Context ctx, HttpReply r) {
        ctx.header("Cache-Control", "no-store");
        r.headers().forEach(ctx::header);
        ctx.status(r.status()).contentType("application/json; charset=utf-8").result(r.body());
    }

    private static InputStream body(Context ctx) {
        try {
            return ctx.req().getInputStream();
        } catch (IOException e) {
            return InputStream.nullInputStream();
        }
    }

    private static String header(Context ctx, String name) {
        String v = ctx.header(name);
        return v == null ? "" : v.trim();
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hostForUrl(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** Stops listening; a request being served finishes first. */
    @Override
    public void close() {
        app.stop();
    }
}
