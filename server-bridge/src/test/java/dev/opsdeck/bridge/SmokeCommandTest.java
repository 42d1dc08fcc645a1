package dev.opsdeck.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.bridge.cli.SmokeCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code opsdeck smoke}: passes on its own ticket's terminal status, fails clearly when it cannot get there. */
class SmokeCommandTest {

    @TempDir
    Path dir;

    private static int smoke(ByteArrayOutputStream out, String... args) {
        return new CommandLine(new SmokeCommand(new PrintStream(out, true, StandardCharsets.UTF_8))).execute(args);
    }

    @Test
    void againstABridgeWithOlderHistory_itPassesOnTheTicketItOpened() throws Exception {
        try (TestBridge t = TestBridge.start(dir)) {
            Recorder older = t.connect("?replay=0");
            older.untilType("snapshot");
            older.send(Map.of("type", "inject", "incident", "storage_io_error"));
            String old = older.untilType("ticket_created").text("id");
            older.answer(older.untilType("hitl_requested").text("channel_id"), Wire.APPROVE);
            older.untilTerminal(old);

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = smoke(out, "--url", t.bridge.url(), "--deadline", "20s");
            String trace = out.toString(StandardCharsets.UTF_8);
            assertThat(code).as(trace).isZero();
            assertThat(trace).contains("→ hitl_response").contains("PASS: ").doesNotContain("PASS: " + old);
            assertThat(trace).containsPattern("PASS: INC-\\d+ reached (Resolved|Partially Resolved|Needs Followup)");
        }
    }

    @Test
    void withNoServer_itFailsWithOneLine() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // free once closed: nothing listens there
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = smoke(out, "--url", "ws://127.0.0.1:" + port + "/ws", "--deadline", "5s");
        assertThat(code).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8).strip()).startsWith("FAIL: cannot connect").doesNotContain("\n");
    }
}
