package dev.opsdeck.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.bridge.bench.ServerProcess;
import dev.opsdeck.bridge.cli.ServeMain;
import dev.opsdeck.bridge.cli.UsersCommand;
import dev.opsdeck.bridge.client.Frame;
import dev.opsdeck.bridge.client.WireClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * People have names: {@code users add} prints a token once and keeps only its hash; {@code serve --users} names
 * whoever connects with it on their acts (the sign-off's {@code by}, the ticket's timeline); the shared token is
 * {@code token}; a users file others may write is refused.
 */
class PeopleTest {

    @TempDir
    Path dir;

    @Test
    void usersAdd_printsTheTokenOnce_andKeepsOnlyItsHash() throws Exception {
        Path file = dir.resolve("conf/users.yaml");
        String token = addUser(file, "alice");
        String kept = Files.readString(file);
        assertThat(kept).contains("alice").contains("sha256:").doesNotContain(token);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String bob = addUser(file, "bob");
        assertThat(bob).isNotEqualTo(token);
        assertThat(Files.readString(file)).contains("alice").contains("bob");

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine again = new CommandLine(new UsersCommand());
        again.setErr(new java.io.PrintWriter(err, true));
        again.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("opsdeck: " + e.getMessage());
            return 2;
        });
        assertThat(again.execute("add", "alice", "--users", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("already a user alice");
    }

    @Test
    void eachPersonsTokenNamesThemOnTheirSignOff_andTheSharedTokenIsToken() throws Exception {
        Path file = dir.resolve("users.yaml");
        String alice = addUser(file, "alice");
        try (ServerProcess server = ServerProcess.start(List.of("--data-dir", dir.resolve("data").toString(),
                "--debounce", "0", "--signoff-deadline", "10m", "--users", file.toString(), "--token", "shared-secret"),
                Map.of())) {
            Frame byAlice = answerOneSignOff(server, alice, "web_5xx");
            assertThat(byAlice.text("by")).isEqualTo("alice");
            Frame byShared = answerOneSignOff(server, "shared-secret", "storage_io_error");
            assertThat(byShared.text("by")).isEqualTo("token");

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(server.httpUrl()
                    + "/snapshot?token=" + alice + "x")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(wrong.statusCode()).isEqualTo(401);
            HttpResponse<String> snapshot = http.send(HttpRequest.newBuilder(URI.create(server.httpUrl()
                    + "/snapshot")).header("Authorization", "Bearer " + alice).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(snapshot.statusCode()).isEqualTo(200);
            // The ticket's timeline says who decided, stamped by them.
            JsonNode tickets = dev.opsdeck.engine.Json.MAPPER.readTree(snapshot.body()).get("tickets");
            List<String> lines = new ArrayList<>();
            tickets.forEach(t -> t.get("timeline").forEach(m -> lines.add(m.get("by").asText() + ": "
                    + m.get("what").asText())));
            assertThat(lines).contains("alice: sign-off approved by alice", "token: sign-off approved by token");
        }
    }

    @Test
    void aUsersFileOthersMayWrite_isRefusedInOneLine_withExitCode2() throws Exception {
        Path file = dir.resolve("users.yaml");
        addUser(file, "alice");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ServeMain.class.getName(),
                "--port", "0", "--hooks-port", "0", "--data-dir", dir.resolve("data").toString(),
                "--users", file.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(out.lines().filter(l -> l.startsWith("opsdeck:")).toList())
                .containsExactly("opsdeck: " + file + ": refused: it is writable by its group (chmod go-w " + file + ")");
        assertThat(out).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static String addUser(Path file, String name) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new UsersCommand.Add(new PrintStream(buf, true, StandardCharsets.UTF_8)));
        assertThat(cli.execute(name, "--users", file.toString())).isZero();
        List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).contains("added " + name).contains("shown only now");
        return lines.get(1).strip();
    }

    private static Frame answerOneSignOff(ServerProcess server, String token, String incident) throws IOException, InterruptedException {
        try (Recorder c = new Recorder(WireClient.connect(URI.create(server.url() + "?replay=0&token=" + token),
                Map.of(), TestBridge.WAIT))) {
            c.untilType("snapshot");
            c.send(Map.of("type", "inject", "incident", incident));
            Frame asked = c.untilType("hitl_requested");
            c.answer(asked.text("channel_id"), "approve");
            Frame resolved = c.untilType("hitl_resolved");
            c.untilTerminal(asked.text("ticket_id"));
            return resolved;
        }
    }
}
