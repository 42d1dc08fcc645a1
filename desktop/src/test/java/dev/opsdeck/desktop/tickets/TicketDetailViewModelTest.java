package dev.opsdeck.desktop.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.desktop.fx.Commands;
import dev.opsdeck.engine.Engine;
import dev.opsdeck.engine.EngineConfig;
import dev.opsdeck.engine.Injection;
import dev.opsdeck.engine.ticket.Ticket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TicketDetailViewModelTest {

    @TempDir
    Path dir;

    @Test
    void aSelectedTicket_hasOneEvidenceLinePerEnvelope_andItsReportExportsAsHtml() throws Exception {
        try (Engine engine = Engine.start(EngineConfig.defaults(dir))) {
            java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
            engine.subscribe("test", batch -> batch.forEach(p -> {
                if (p.event() instanceof dev.opsdeck.engine.event.EngineEvent.SignOffRequested r) {
                    engine.answer(r.channelId(), dev.opsdeck.engine.flow.Texts.APPROVE, "test");
                } else if (p.event() instanceof dev.opsdeck.engine.event.EngineEvent.TicketChanged c
                        && c.ticket().status().terminal()) {
                    ended.countDown();
                }
            }));
            String id = engine.inject(Injection.of("web_5xx")).ticketId();
            assertThat(ended.await(20, java.util.concurrent.TimeUnit.SECONDS)).as("the ticket ends").isTrue();
            Ticket t = engine.ticket(id).orElseThrow();
            TicketDetailViewModel detail = new TicketDetailViewModel(new dev.opsdeck.desktop.port.InProcess(engine), Commands.direct(), x -> List.of());

            detail.select(t);

            int envelopes = engine.journal(id + ".diagnosis").size() + engine.journal(id + ".remediation").size();
            assertThat(detail.evidence()).hasSize(envelopes).anyMatch(l -> l.contains("submit_rca("));
            assertThat(detail.reportProperty().get()).contains("<title>" + id + " incident report</title>")
                    .contains("Root cause").contains("list_recent_tickets");

            Path file = dir.resolve("report.html");
            detail.export(file);
            assertThat(Files.readString(file)).isEqualTo(detail.reportProperty().get());
            assertThat(detail.messageProperty().get()).isEqualTo("Report saved to " + file);
        }
    }
}
