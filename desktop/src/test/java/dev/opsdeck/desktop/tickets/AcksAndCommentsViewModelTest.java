package dev.opsdeck.desktop.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.desktop.fx.Commands;
import dev.opsdeck.desktop.port.InProcess;
import dev.opsdeck.engine.Engine;
import dev.opsdeck.engine.EngineConfig;
import dev.opsdeck.engine.Injection;
import dev.opsdeck.engine.ticket.Ticket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The detail's Acknowledge and Add comment, on the in-process port (a real engine), commands run in place. */
class AcksAndCommentsViewModelTest {

    @TempDir
    Path dir;

    @Test
    void acknowledging_takesTheTicket_saysWhoAndWhen_andCannotBeDoneTwice() {
        try (Engine engine = Engine.start(EngineConfig.defaults(dir).withSignOffDeadline(Duration.ofMinutes(10)))) {
            String id = engine.inject(Injection.of("web_5xx")).ticketId();
            TicketDetailViewModel detail = new TicketDetailViewModel(new InProcess(engine), Commands.direct(),
                    x -> List.of());
            detail.select(engine.ticket(id).orElseThrow());
            assertThat(detail.canAcknowledgeProperty().get()).isTrue();
            assertThat(detail.ackedProperty().get()).isEmpty();

            detail.acknowledge();
            Ticket after = engine.ticket(id).orElseThrow();
            assertThat(after.acked().by()).isEqualTo(InProcess.USER);
            detail.changed(after); // as the stream brings it
            assertThat(detail.ackedProperty().get()).isEqualTo("acked by " + InProcess.USER + " "
                    + TicketDetailViewModel.hhmm(after.acked().at()));
            assertThat(detail.canAcknowledgeProperty().get()).isFalse();
        }
    }

    @Test
    void someoneElseFirst_isSaid_andNothingChanges() {
        try (Engine engine = Engine.start(EngineConfig.defaults(dir).withSignOffDeadline(Duration.ofMinutes(10)))) {
            String id = engine.inject(Injection.of("web_5xx")).ticketId();
            TicketDetailViewModel detail = new TicketDetailViewModel(new InProcess(engine), Commands.direct(),
                    x -> List.of());
            detail.select(engine.ticket(id).orElseThrow()); // shown before alice took it elsewhere
            assertThat(engine.acknowledge(id, "alice-elsewhere", null).accepted()).isTrue();

            detail.acknowledge();
            assertThat(detail.messageProperty().get()).startsWith("Not acknowledged: ").contains("alice-elsewhere");
            assertThat(engine.ticket(id).orElseThrow().acked().by()).isEqualTo("alice-elsewhere");
        }
    }

    @Test
    void aComment_withMarkupEscapesAndNewlines_isKeptAsPlainText_andTheDraftClears() {
        try (Engine engine = Engine.start(EngineConfig.defaults(dir).withSignOffDeadline(Duration.ofMinutes(10)))) {
            String id = engine.inject(Injection.of("web_5xx")).ticketId();
            TicketDetailViewModel detail = new TicketDetailViewModel(new InProcess(engine), Commands.direct(),
                    x -> List.of());
            detail.select(engine.ticket(id).orElseThrow());
            assertThat(detail.canCommentProperty().get()).as("nothing to send yet").isFalse();

            detail.draftProperty().set("<b>standby</b> <script>alert(1)</script>\u001B[31mred\u001B[0m\nsecond line");
            assertThat(detail.canCommentProperty().get()).isTrue();
            detail.sendComment();

            Ticket.Comment kept = engine.ticket(id).orElseThrow().comments().get(0);
            assertThat(kept.by()).isEqualTo(InProcess.USER);
            assertThat(kept.text()).isEqualTo("<b>standby</b> <script>alert(1)</script>red\nsecond line");
            assertThat(detail.draftProperty().get()).isEmpty();
            assertThat(detail.messageProperty().get()).isEmpty();

            detail.draftProperty().set("\u001B[31m\u0007");
            detail.sendComment();
            assertThat(detail.messageProperty().get()).startsWith("Comment not kept: ");
            assertThat(detail.draftProperty().get()).as("kept to be mended").isEqualTo("\u001B[31m\u0007");
        }
    }
}
