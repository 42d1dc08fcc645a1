package dev.opsdeck.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** (ext) {@code start} with {@code "reset": false} starts the ambient lines and leaves the board as it is. */
class StartWithoutResetTest {

    @TempDir
    Path dir;

    @Test
    void startWithoutReset_keepsTheTickets_whileThePlainStartStillResets() throws Exception {
        try (TestBridge t = TestBridge.start(dir)) {
            Recorder c = t.connect("?replay=0");
            c.untilType("snapshot");
            c.send(Map.of("type", "inject", "incident", "web_5xx"));
            c.untilType("ticket_created");

            c.send(Map.of("type", "start", "reset", false));
            c.until(f -> f.type().equals("sim_state") && f.payload().path("running").asBoolean(), "sim_state running");
            assertThat(c.ofType("reset")).isEmpty();
            assertThat(t.engine.tickets()).hasSize(1);

            c.send(Map.of("type", "start"));
            c.untilType("reset");
            assertThat(t.engine.tickets()).as("the original's start: a clean slate").isEmpty();
        }
    }
}
