package dev.opsdeck.engine.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Ticket ids: {@code INC-} and at least three digits, read back to the same number. */
class TicketIdTest {

    @Test
    void idsArePaddedToThreeDigits_andReadBack() {
        assertThat(Ticket.idFor(0)).isEqualTo("INC-000");
        assertThat(Ticket.idFor(7)).isEqualTo("INC-007");
        assertThat(Ticket.idFor(42)).isEqualTo("INC-042");
        assertThat(Ticket.idFor(999)).isEqualTo("INC-999");
        assertThat(Ticket.idFor(1000)).isEqualTo("INC-1000");
        assertThat(Ticket.idFor(Integer.MAX_VALUE)).isEqualTo("INC-2147483647");
        for (int n = 0; n < 20_000; n += 7) {
            assertThat(Ticket.idFor(n)).isEqualTo(String.format("INC-%03d", n));
            assertThat(Ticket.number(Ticket.idFor(n))).isEqualTo(n);
        }
    }
}
