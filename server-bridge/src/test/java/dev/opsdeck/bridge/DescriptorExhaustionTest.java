package dev.opsdeck.bridge;

import dev.opsdeck.bridge.cli.ServeMain;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code opsdeck serve} under a low descriptor limit ({@code prlimit}), flooded with idle TCP connections past it:
 * the connections over the limit are turned away, and once they are gone the server answers again. (The socket
 * library used to close its listening socket on the first failed accept: a live process with a dead port.)
 */
class DescriptorExhaustionTest {

    static final int LIMIT = 256;

    @TempDir
    Path dir;

    @Test
    void idleConnectionsBeyondTheDescriptorLimit_areTurnedAway_andTheServerAnswersAfterwards() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process server = new ProcessBuilder("prlimit", "--nofile=" + LIMIT + ":" + LIMIT, java,
                "-cp", System.getProperty("java.class.path"), ServeMain.class.getName(),
                "--port", "0", "--pace", "0", "--data-dir", dir.toString())
                .redirectErrorStream(true).start();
        List<Socket> idle = new ArrayList<>();
        try {
            int port = port(server);
            assertThat(health(port)).isEqualTo(200);
            for (int i = 0; i < LIMIT + 100; i++) {
                Socket s = new Socket();
                try {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                    idle.add(s);
                } catch (IOException e) {
                    s.close(); // refused or reset: the server is shedding load, which is the point
                }
            }
            for (Socket s : idle) {
                s.close();
            }
            idle.clear();
            assertThat(server.isAlive()).isTrue();
            assertThat(healthWithin(port, Duration.ofSeconds(20))).as("/healthz after the flood").isEqualTo(200);
        } finally {
            for (Socket s : idle) {
                s.close();
            }
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Reads the server's banner for the port it bound. */
    private static int port(Process server) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        Pattern p = Pattern.compile("ws://127\\.0\\.0\\.1:(\\d+)/ws");
        for (String line; (line = out.readLine()) != null; ) {
            Matcher m = p.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "server-output");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(1));
            }
        }
        throw new IllegalStateException("the server ended before printing its address");
    }

    private static int health(int port) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                .timeout(Duration.ofSeconds(5)).build();
        return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    // The closed connections leave the server as its socket thread notices them; ask until it answers or time is up.
    private static int healthWithin(int port, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                return health(port);
            } catch (IOException e) {
                if (System.nanoTime() > end) {
                    return -1;
                }
                TimeUnit.MILLISECONDS.sleep(200); // retrying a refused probe, as a supervisor would
            }
        }
    }
}
