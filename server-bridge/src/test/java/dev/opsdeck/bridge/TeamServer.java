package dev.opsdeck.bridge;

import dev.opsdeck.bridge.client.WireClient;
import dev.opsdeck.engine.testing.PostgresServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code opsdeck serve} in a JVM of its own on a shared PostgreSQL: one server of a team, as a user runs it, that a
 * test can connect clients to and kill with SIGKILL.
 */
final class TeamServer implements AutoCloseable {

    private static final Pattern BANNER = Pattern.compile("ws://127\\.0\\.0\\.1:(\\d+)/ws");

    private final Process process;
    private final int port;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final List<Recorder> clients = new ArrayList<>();

    private TeamServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The {@code postgresql://} URL a user passes to {@code --database}, for a database of the test server. */
    static String databaseUrl(PostgresServer pg, String name) throws Exception {
        String jdbc = pg.createDatabase(name);
        return "postgresql://" + PostgresServer.USER + ":@" + jdbc.substring("jdbc:postgresql://".length());
    }

    static TeamServer start(String database, Path dataDir, Map<String, String> env, String... extra)
            throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                ServeMain.class.getName(), "--port", "0", "--hooks-port", "0", "--data-dir", dataDir.toString(),
                "--database", database, "--debounce", "0", "--signoff-deadline", "10m"));
        cmd.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("GEMINI_API_KEY");
        pb.environment().remove("GOOGLE_API_KEY");
        pb.environment().putAll(env);
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        for (String line; (line = out.readLine()) != null; ) {
            seen.add(line);
            Matcher m = BANNER.matcher(line);
            if (m.find()) {
                TeamServer s = new TeamServer(p, Integer.parseInt(m.group(1)));
                s.output.addAll(seen);
                Thread drain = new Thread(() -> out.lines().forEach(s.output::add), "team-server-output");
                drain.setDaemon(true);
                drain.start();
                return s;
            }
        }
        throw new IllegalStateException("serve ended before it listened: " + String.join("\n", seen));
    }

    Recorder connect(String query) throws IOException {
        Recorder r = new Recorder(WireClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws" + query), Map.of(),
                TestBridge.WAIT));
        clients.add(r);
        return r;
    }

    /** {@code kill -9}: no shutdown hook, no goodbye to the database. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    List<String> output() {
        return List.copyOf(output);
    }

    @Override
    public void close() throws InterruptedException {
        for (Recorder c : clients) {
            c.close();
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
