package dev.opsdeck.bridge;

import dev.opsdeck.bridge.client.WireClient;
import dev.opsdeck.engine.Engine;
import dev.opsdeck.engine.EngineConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** An engine on a temp data dir and a bridge on a free loopback port, plus clients that are closed with it. */
final class TestBridge implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);

    final Engine engine;
    final Bridge bridge;
    private final List<Recorder> clients = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    private TestBridge(Engine engine, Bridge bridge) {
        this.engine = engine;
        this.bridge = bridge;
    }

    static TestBridge start(Path dataDir) {
        return start(dataDir, c -> c, b -> b);
    }

    /** Injects of one key may follow each other at once (no debounce); a sign-off waits long enough for any test. */
    static TestBridge start(Path dataDir, UnaryOperator<EngineConfig> engineConfig, UnaryOperator<BridgeConfig> bridgeConfig) {
        EngineConfig ec = engineConfig.apply(EngineConfig.defaults(dataDir).withDebounce(Duration.ZERO)
                .withSignOffDeadline(Duration.ofSeconds(120)));
        Engine engine = Engine.start(ec);
        try {
            return new TestBridge(engine, Bridge.start(engine, bridgeConfig.apply(BridgeConfig.defaults().withPort(0))));
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /** A client on {@code /ws} plus {@code query}, e.g. {@code "?replay=0"}. */
    Recorder connect(String query) throws IOException {
        return connect(query, Map.of());
    }

    Recorder connect(String query, Map<String, String> headers) throws IOException {
        Recorder r = new Recorder(WireClient.connect(URI.create(bridge.url() + query), headers, WAIT));
        clients.add(r);
        return r;
    }

    HttpResponse<String> get(String target, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(bridge.httpUrl() + target)).timeout(WAIT);
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String target) throws IOException, InterruptedException {
        return get(target, Map.of());
    }

    /** A POST to the alert hooks' port, {@code target} from {@code /hooks/...}. */
    HttpResponse<String> postHook(String target, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        String base = bridge.hooksUrl();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base.substring(0, base.length() - "/hooks".length())
                + target)).timeout(WAIT).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        for (Recorder c : clients) {
            c.close();
        }
        bridge.close();
        engine.close();
    }
}
