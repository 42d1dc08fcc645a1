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

    private TeamServer(ServerProcess process) {
        this.process = process;
    }

    static TeamServer start(String database, Path dataDir, Map<String, String> env, String... extra)
            throws IOException {
        List<String> options = new ArrayList<>(List.of("--data-dir", dataDir.toString(), "--database", database,
                "--debounce", "0", "--signoff-deadline", "10m"));
        options.addAll(List.of(extra));
        return new TeamServer(ServerProcess.start(options, env));
    }

    Recorder connect(String query) throws IOException {
        Recorder r = new Recorder(WireClient.connect(URI.create(process.url() + query), Map.of(), TestBridge.WAIT));
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
