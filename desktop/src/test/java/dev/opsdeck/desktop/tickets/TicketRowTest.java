package dev.opsdeck.desktop.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.ticket.Ticket;
import org.junit.jupiter.api.Test;

class TicketRowTest {

    @Test
    void anAlertTicketBeyondTheFlowCap_isShownWaiting_untilItsSlotComes() {
        Ticket waiting = Ticket.open("INC-050", "db-2", "DiskFull", "sev2", 0)
                .withNote(Ticket.WAITING_NOTE + " (2 flows at once)");

        assertThat(TicketRow.statusLabel(waiting)).isEqualTo("⏸ Waiting for a slot");
        assertThat(TicketRow.statusLabel(waiting.withNote(Ticket.STARTED_NOTE))).isEqualTo("⚡ Diagnosing");
    }
}
