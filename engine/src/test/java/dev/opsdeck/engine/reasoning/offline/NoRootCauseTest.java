package dev.opsdeck.engine.reasoning.offline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.alert.AlertPayload;
import dev.opsdeck.engine.alert.AlertPayload.Source;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.testing.EngineFixture;
import dev.opsdeck.engine.ticket.Status;
import dev.opsdeck.engine.ticket.Ticket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A diagnosis that finds nothing still ends with an RCA that says so, and a resolution that says what follows. */
class NoRootCauseTest {

    @TempDir
    Path dir;

    @Test
    void anAlertNothingExplains_endsWithNoRootCauseFound_lowConfidence_andWhatFollows() {
        try (EngineFixture f = new EngineFixture(dir, c -> c.withSignOffDeadline(Duration.ofMinutes(5)))) {
            String id = f.engine.receiveAlerts(AlertPayload.parse("""
                    {"version":"4","status":"firing","alerts":[{"status":"firing","labels":{
                     "alertname":"HighErrorRate","instance":"web-edge-01:443","severity":"critical"},
                     "annotations":{"summary":"5xx above 5%"},"startsAt":"2026-12-07T02:00:00Z","endsAt":"",
                     "fingerprint":"fp-edge"}]}""", Source.ALERTMANAGER)).tickets().get(0);
            List<EngineEvent> events = f.recorder.awaitTerminal(id, Duration.ofSeconds(60));

            Ticket t = f.engine.ticket(id).orElseThrow();
            assertThat(t.rca()).startsWith("No root cause found: no probe on web-edge-01 measured a value past its "
                    + "threshold; ruled out");
            assertThat(t.rca()).contains("web");
            assertThat(t.confidence()).isEqualTo("low");
            assertThat(t.resolution()).contains("No root cause was found, so nothing was repaired; what follows: "
                    + "No probe explains HighErrorRate on web-edge-01");
            assertThat(t.status()).isEqualTo(Status.NEEDS_FOLLOWUP);
            assertThat(events).as("nothing to remediate, nothing to sign off")
                    .noneMatch(e -> e instanceof EngineEvent.SignOffRequested);
        }
    }
}
