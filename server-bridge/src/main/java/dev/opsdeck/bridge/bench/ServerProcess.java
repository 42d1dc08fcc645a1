package dev.opsdeck.bridge.bench;

import dev.opsdeck.bridge.cli.ServeMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code opsdeck serve} in a JVM of its own, as a user runs it: started with its options, found by the URL its banner
 * prints, its CPU time readable, and killable with SIGKILL ({@code kill -9}: no shutdown hook runs).
 */
public final class ServerProcess implements AutoCloseable {

    private static final Pattern BANNER = Pattern.compile("ws://([0-9.]+|localhost):(\\d+)/ws");

    private final Process process;
    private final String host;
    private final int port;
    private final List<String> output = new CopyOnWriteArrayList<>();

    private ServerProcess(Process process, String host, int port) {
        this.process = process;
        this.host = host;
        this.port = port;
    }

    /**
     * Starts {@code serve} on free loopback ports (the WebSocket's given by {@code --port} in {@code options}, if
     * there) with {@code options}, its agents thinking at once ({@code --pace 0}) unless {@code options} name a pace,
     * in an environment without model keys unless
     * {@code env} sets them, and returns once it listens.
     */
    public static ServerProcess start(List<String> options, java.util.Map<String, String> env) throws IOException {
        return start(List.of(), options, env);
    }

    /**
     * As {@link #start(List, java.util.Map)}, the command run through {@code prefix} (say {@code ip netns exec NS}, for
     * a server in a network namespace of its own).
     */
    public static ServerProcess start(List<String> prefix, List<String> options, java.util.Map<String, String> env)
            throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(java, "-XX:+ExitOnOutOfMemoryError", "-cp",
                System.getProperty("java.class.path"), ServeMain.class.getName(), "--hooks-port", "0"));
        if (!options.contains("--port")) {
            cmd.addAll(List.of("--port", "0")); // a free one, unless the caller restarts a server on its old port
        }
        if (!options.contains("--pace")) {
            cmd.addAll(List.of("--pace", "0")); // tests and benchmarks want the answer, not the show
        }
        cmd.addAll(options);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("GEMINI_API_KEY");
        pb.environment().remove("GOOGLE_API_KEY");
        pb.environment().remove("OPSDECK_LLM");
        pb.environment().remove("OPSDECK_LLM_BASE_URL");
        pb.environment().putAll(env);
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        for (String line; (line = out.readLine()) != null; ) {
            seen.add(line);
            Matcher m = BANNER.matcher(line);
            if (m.find()) {
                ServerProcess s = new ServerProcess(p, m.group(1), Integer.parseInt(m.group(2)));
                s.output.addAll(seen);
                Thread drain = new Thread(() -> {
                    try {
                        out.lines().forEach(s.output::add);
                    } catch (java.io.UncheckedIOException ended) {
                        // the process is gone and its output with it
                    }
                }, "server-output-" + s.port);
                drain.setDaemon(true);
                drain.start();
                return s;
            }
        }
        throw new IOException("serve ended before it listened: " + String.join(" | ", seen));
    }

    public String url() {
        return "ws://" + host + ":" + port + "/ws";
    }

    /** The plain HTTP endpoints' base ({@code /healthz}, {@code /snapshot}). */
    public String httpUrl() {
        return "http://" + host + ":" + port;
    }

    /** The HTTP API's base, {@code http://HOST:PORT} (its banner's {@code API: …/api/v1}). */
    public String apiBase() {
        Pattern api = Pattern.compile("API: (http://[^ ]+)/api/v1");
        return output.stream().map(api::matcher).filter(Matcher::find).map(m -> m.group(1)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no API address in the banner: " + output));
    }

    public List<String> output() {
        return List.copyOf(output);
    }

    /** User plus system CPU seconds the server has used so far (Linux {@code /proc}). */
    public double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime in clock ticks
    }

    /** {@code kill -9}. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
