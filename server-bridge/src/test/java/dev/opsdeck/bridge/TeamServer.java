package dev.opsdeck.bridge;

import dev.opsdeck.bridge.bench.ServerProcess;
import dev.opsdeck.bridge.client.WireClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One server of a team in a JVM of its own, on a shared PostgreSQL, with the test clients connected to it. */
final class TeamServer implements AutoCloseable {

    private final ServerProcess process;
    private final List<Recorder> clients = new ArrayList<>();
    /** Added to every request's query: the token a server listening beyond loopback requires. */
    private final String token;

    private TeamServer(ServerProcess process, String token) {
        this.process = process;
        this.token = token;
    }

    static TeamServer start(String database, Path dataDir, Map<String, String> env, String... extra)
            throws IOException {
        List<String> options = new ArrayList<>(List.of("--data-dir", dataDir.toString(), "--database", database,
                "--debounce", "0", "--signoff-deadline", "10m"));
        options.addAll(List.of(extra));
        return new TeamServer(ServerProcess.start(options, env), null);
    }

    /** A server in the network namespace {@code ns}, listening on its address there (with a token, as it must). */
    static TeamServer startIn(NetNamespace ns, String database, Path dataDir, String token) throws IOException {
        List<String> options = new ArrayList<>(List.of("--data-dir", dataDir.toString(), "--database", database,
                "--debounce", "0", "--signoff-deadline", "10m", "--host", ns.serverAddress, "--token", token));
        return new TeamServer(ServerProcess.start(ns.exec(), options, Map.of()), token);
    }

    /** {@code query} with the token this server requires, if any. */
    String withToken(String query) {
        if (token == null) {
            return query;
        }
        return query + (query.contains("?") ? "&" : "?") + "token=" + token;
    }

    String httpUrl() {
        return process.httpUrl();
    }

    /** The HTTP API's base, {@code http://HOST:PORT}. */
    String apiBase() {
        return process.apiBase();
    }

    java.util.List<String> output() {
        return process.output();
    }

    Recorder connect(String query) throws IOException {
        return connect(query, Map.of());
    }

    /** A client sending these headers on its upgrade (the console's {@code OpsDeck-Client}, say). */
    Recorder connect(String query, Map<String, String> headers) throws IOException {
        Recorder r = new Recorder(WireClient.connect(URI.create(process.url() + withToken(query)), headers,
                TestBridge.WAIT));
        clients.add(r);
        return r;
    }

    void kill() throws InterruptedException {
        process.kill();
    }

    @Override
    public void close() {
        for (Recorder c : clients) {
            c.close();
        }
        process.close();
    }
}
