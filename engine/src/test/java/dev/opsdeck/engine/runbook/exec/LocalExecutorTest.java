package dev.opsdeck.engine.runbook.exec;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.opsdeck.engine.runbook.Step;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The executor against real processes and a real HTTP receiver. */
class LocalExecutorTest {

    static final String SECRET = "s3cr3t-t0ken-value";
    final LocalExecutor executor = new LocalExecutor(new Secrets(Map.of("RUNDECK_TOKEN", SECRET,
            "PATH", System.getenv("PATH"))));

    @TempDir
    Path dir;

    @Test
    void aCommand_runsAsArgv_withOnlyPathAndItsOwnEnvironment_andItsSecretMasked() {
        Result r = executor.execute(new Step.Command(List.of("/usr/bin/env"), Duration.ofSeconds(10),
                Map.of("TOKEN", "${env:RUNDECK_TOKEN}", "MOUNT", "/a b; rm -rf /")));
        assertThat(r.ok()).isTrue();
        assertThat(r.code()).isZero();
        assertThat(r.output().lines().map(l -> l.substring(0, l.indexOf('=')))).containsExactlyInAnyOrder("PATH",
                "TOKEN", "MOUNT");
        assertThat(r.output()).contains("TOKEN=" + Secrets.MASK).doesNotContain(SECRET)
                .contains("MOUNT=/a b; rm -rf /");
    }

    @Test
    void aFailingCommand_saysItsExitAndLastLine() {
        Result r = executor.execute(new Step.Command(List.of("/bin/ls", dir.resolve("missing").toString()),
                Duration.ofSeconds(10), Map.of()));
        assertThat(r.ok()).isFalse();
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.line()).startsWith("exit 2: ").contains("No such file or directory");
    }

    @Test
    void aCommandPastItsTimeout_isKilledWithItsWholeTree() throws Exception {
        Path script = Files.writeString(dir.resolve("spawn.sh"), "#!/bin/sh\nsleep 300 &\necho $! > \"$1\"\nwait\n");
        script.toFile().setExecutable(true);
        Path pidFile = dir.resolve("child.pid");
        Result r = executor.execute(new Step.Command(List.of(script.toString(), pidFile.toString()),
                Duration.ofMillis(1500), Map.of()));
        assertThat(r.ok()).isFalse();
        assertThat(r.failure()).isEqualTo("timed out after 1500ms, process tree killed");
        long child = Long.parseLong(Files.readString(pidFile).trim());
        // Killed (SIGKILL) by the timeout; the kernel finishes it off in its own time, so wait for that, boundedly.
        ProcessHandle.of(child).ifPresent(h -> h.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join());
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).as("the grandchild").isFalse();
    }

    @Test
    void aChattyCommand_keepsOnlyTheLast16KiB() {
        Result r = executor.execute(new Step.Command(List.of("/usr/bin/seq", "1", "200000"), Duration.ofSeconds(20),
                Map.of()));
        assertThat(r.ok()).isTrue();
        assertThat(r.output()).startsWith("[").contains("earlier bytes dropped").endsWith("200000\n");
        assertThat(r.output().length()).isLessThan(Tail.LIMIT + 100);
    }

    @Test
    void aMissingVariable_runsNothing() {
        Result r = executor.execute(new Step.Command(List.of("/usr/bin/touch", dir.resolve("x").toString()),
                Duration.ofSeconds(5), Map.of("T", "${env:NOT_SET_ANYWHERE}")));
        assertThat(r.ok()).isFalse();
        assertThat(r.failure()).isEqualTo("not run: environment variable NOT_SET_ANYWHERE is not set on this server");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void anHttpAction_reachesARealReceiverOnce_withItsSecretHeader_andTheSecretNeverInTheResult() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/45/job/7/run", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(ex.getRequestMethod() + " " + ex.getRequestHeaders().getFirst("X-Rundeck-Auth-Token") + " " + body);
            byte[] reply = ("{\"id\":99,\"echo\":\"" + ex.getRequestHeaders().getFirst("X-Rundeck-Auth-Token") + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(201, reply.length);
            ex.getResponseBody().write(reply);
            ex.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/api/45/job/7/run";
            Step.Http step = new Step.Http("POST", url, Map.of("X-Rundeck-Auth-Token", "${env:RUNDECK_TOKEN}"),
                    "{\"options\":{\"mount\":\"/data\"}}", List.of(200, 201), Duration.ofSeconds(10));
            assertThat(step.shown()).doesNotContain(SECRET);
            Result r = executor.execute(step);
            assertThat(r.ok()).isTrue();
            assertThat(r.code()).isEqualTo(201);
            assertThat(seen).containsExactly("POST " + SECRET + " {\"options\":{\"mount\":\"/data\"}}");
            assertThat(r.output()).contains("\"id\":99").doesNotContain(SECRET).contains(Secrets.MASK);

            Result refused = executor.execute(new Step.Http("GET", url.replace("/run", "/nope"), Map.of(), "",
                    List.of(200), Duration.ofSeconds(5)));
            assertThat(refused.ok()).isFalse();
            assertThat(refused.failure()).isEqualTo("HTTP 404 (expected one of [200])");
        } finally {
            server.stop(0);
        }
    }
}
