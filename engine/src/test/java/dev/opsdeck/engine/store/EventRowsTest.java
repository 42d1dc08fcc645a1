package dev.opsdeck.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.Json;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Envelope;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An event's row is written once; the ticket's and envelope's rows are cut from it, and must be what they were. */
class EventRowsTest {

    @Test
    void theTicketAndEnvelopeCutFromTheirEventsRows_areTheirOwnJson() {
        Ticket t = Ticket.open("INC-007", "web-edge-01", "web_5xx", "sev2", 1.5).stamped(1.5, "inject")
                .withNote("a line with \"quotes\", {braces} and: colons");
        Envelope e = Envelope.packet("INC-007.diagnosis", 2, "Triage", "assign_specialists",
                Map.of("specialists", List.of("web", "storage")), "body: {x}", "rules", 2.0);
        assertThat(EventRows.inner(EventRows.json(new EngineEvent.TicketCreated(t)))).isEqualTo(Json.write(t));
        assertThat(EventRows.inner(EventRows.json(new EngineEvent.TicketChanged(t)))).isEqualTo(Json.write(t));
        assertThat(EventRows.inner(EventRows.json(new EngineEvent.EnvelopePosted(e)))).isEqualTo(Json.write(e));
        assertThat(EventRows.read("TicketChanged", EventRows.json(new EngineEvent.TicketChanged(t))))
                .isEqualTo(new EngineEvent.TicketChanged(t));
    }
}
