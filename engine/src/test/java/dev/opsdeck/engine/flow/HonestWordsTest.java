package dev.opsdeck.engine.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.testing.EngineFixture;
import dev.opsdeck.engine.ticket.ActionRecord;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Envelope;
import dev.opsdeck.engine.world.Incident;
import dev.opsdeck.engine.world.WorldLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In the bundled world nothing real runs, and no line says otherwise. */
class HonestWordsTest {

    /** Words that claim an effect on a system. */
    static final Pattern CLAIM = Pattern.compile("(?i)\\b(restarted|drained|scrub started|reloaded|replaced|"
            + "applied|moved|paused|failed over)\\b");

    @TempDir
    Path dir;

    @Test
    void everyIncidentApproved_everyEffectLineSaysSimulated_andNoOtherLineClaimsOne() {
        try (EngineFixture f = new EngineFixture(dir, c -> c).answering(Texts.APPROVE)) {
            for (Incident incident : WorldLoader.bundled().incidents()) {
                String id = f.inject(incident.key());
                f.recorder.awaitTerminal(id, EngineFixture.WAIT);
                Ticket t = f.engine.ticket(id).orElseThrow();
                List<Envelope> remediation = f.engine.journal(id + ".remediation");
                assertThat(t.actions()).as(incident.key() + " has simulated actions to approve").isNotEmpty();
                for (ActionRecord a : t.actions()) {
                    assertThat(a.run()).startsWith("(simulated) ");
                    assertThat(a.output()).startsWith("(simulated) ");
                }
                for (Envelope e : remediation) {
                    String line = e.line();
                    if ("run_action".equals(e.tool())) {
                        assertThat(line).as(incident.key()).contains(": (simulated) ");
                    } else if (!"propose_actions".equals(e.tool()) && !e.sender().equals("Human")) {
                        assertThat(CLAIM.matcher(line).find()).as(incident.key() + " " + e.sender() + ": " + line)
                                .isFalse();
                    }
                }
            }
        }
    }
}
