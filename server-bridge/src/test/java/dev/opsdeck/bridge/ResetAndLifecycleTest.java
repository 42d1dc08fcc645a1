package dev.opsdeck.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.bridge.client.Frame;
import dev.opsdeck.bridge.client.WireClient;
import dev.opsdeck.engine.ticket.Ticket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** reset / start / stop as clients see them, and the bridge closing its clients cleanly. */
class ResetAndLifecycleTest {

    @TempDir
    Path dir;

    @Test
    void reset_archivesTickets_idsGoOn_andEveryClientSeesIt() throws Exception {
        try (TestBridge t = TestBridge.start(dir)) {
            Recorder a = t.connect("?replay=0");
            Recorder b = t.connect("?replay=0");
            a.untilType("snapshot");
            b.untilType("snapshot");
            a.send(Map.of("type", "inject", "incident", "web_5xx"));
            String first = a.untilType("ticket_created").text("id");
            a.answer(a.untilType("hitl_requested").text("channel_id"), Wire.APPROVE);
            a.untilTerminal(first);

            b.send(Map.of("type", "reset"));
            a.untilType("reset");
            b.untilType("reset");
            assertThat(t.engine.tickets()).isEmpty();
            assertThat(t.get("/snapshot").body()).isEqualTo("{\"tickets\":[]}");

            Recorder late = t.connect("");
            assertThat(late.untilType("snapshot").payload().path("tickets")).isEmpty();
            assertThat(late.until(f -> true, "replay").type()).as("the replay starts at the reset").isEqualTo("reset");

            a.send(Map.of("type", "inject", "incident", "web_5xx"));
            String second = a.untilType("ticket_created").text("id");
            assertThat(Ticket.number(second)).as("ids are never reused").isGreaterThan(Ticket.number(first));
            assertThat(late.untilType("ticket_created").text("id")).isEqualTo(second);
        }
    }

    @Test
    void start_resetsAndRunsAmbientLogs_stop_endsThem() throws Exception {
        try (TestBridge t = TestBridge.start(dir, c -> c.withAmbientEvery(Duration.ofMillis(20)), b -> b)) {
            Recorder c = t.connect("?replay=0");
            c.untilType("snapshot");
            c.send(Map.of("type", "start"));
            c.untilType("reset");
            Frame running = c.untilType("sim_state");
            assertThat(running.payload().path("running").asBoolean()).isTrue();
            Frame ambient = c.untilType("log");
            assertThat(ambient.text("level")).isEqualTo("info");
            assertThat(t.engine.world().ambientLogs().get(ambient.text("service"))).contains(ambient.text("message"));
            c.send(Map.of("type", "stop"));
            assertThat(c.untilType("sim_state").payload().path("running").asBoolean()).isFalse();
            assertThat(t.engine.simulationRunning()).isFalse();
        }
    }

    @Test
    void closingTheBridge_sendsEveryClientACloseFrame() throws Exception {
        TestBridge t = TestBridge.start(dir);
        try {
            Recorder c = t.connect("?replay=0");
            c.untilType("snapshot");
            t.bridge.close();
            WireClient.Closing closing = c.client.closed().get(TestBridge.WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(closing.code()).isEqualTo(1001);
        } finally {
            t.close();
        }
    }
}
