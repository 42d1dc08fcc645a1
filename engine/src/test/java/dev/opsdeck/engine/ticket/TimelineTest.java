package dev.opsdeck.engine.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.flow.Texts;
import dev.opsdeck.engine.testing.EngineFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every history line has its time and who caused it, in order, and survives a restart. */
class TimelineTest {

    @TempDir
    Path dir;

    @Test
    void aResolvedTicketsHistory_isStampedWithTimeAndActor_lineForLine() {
        String id;
        try (EngineFixture f = new EngineFixture(dir, c -> c).answering(Texts.APPROVE)) {
            id = f.inject("web_5xx");
            f.recorder.awaitTerminal(id, EngineFixture.WAIT);
        }
        try (EngineFixture f = new EngineFixture(dir, c -> c)) {
            Ticket t = f.engine.ticket(id).orElseThrow();
            assertThat(t.timeline()).extracting(Ticket.Moment::what).containsExactlyElementsOf(t.history());
            assertThat(t.timeline()).extracting(Ticket.Moment::by)
                    .containsExactly("inject", "Remediation", "engine", "test", "Resolver");
            for (int i = 1; i < t.timeline().size(); i++) {
                assertThat(t.timeline().get(i).at()).isGreaterThanOrEqualTo(t.timeline().get(i - 1).at());
            }
            assertThat(t.timeline().get(0).at()).isEqualTo(t.createdAt());
        }
    }

    @Test
    void aDuplicate_isStampedByTheAgentThatDecidedIt() {
        try (EngineFixture f = new EngineFixture(dir, c -> c.withDebounce(java.time.Duration.ZERO))) {
            f.inject("web_5xx");
            String dup = f.inject("web_5xx");
            f.recorder.awaitTerminal(dup, EngineFixture.WAIT);
            Ticket t = f.engine.ticket(dup).orElseThrow();
            assertThat(t.status()).isEqualTo(Status.DUPLICATE);
            assertThat(t.timeline().get(t.timeline().size() - 1).by()).isEqualTo("IntakeDecide");
        }
    }
}
