package dev.opsdeck.desktop.tickets;

import dev.opsdeck.engine.ticket.Status;
import dev.opsdeck.engine.ticket.Ticket;

/**
 * One line of the tickets table: the ticket as last published, plus what the console measured about it.
 *
 * @param rcaSeconds seconds from opening to the RCA, or NaN while unknown (no RCA yet, or opened before this run)
 */
public record TicketRow(Ticket ticket, double rcaSeconds) {

    public String id() {
        return ticket.id();
    }

    public Status status() {
        return ticket.status();
    }

    public boolean active() {
        return !ticket.status().terminal();
    }

    /** What the ticket came to, in one line: its resolution, else the duplicate's parent, else its RCA. */
    public String outcome() {
        if (!ticket.resolution().isBlank()) {
            return ticket.resolution();
        }
        if (ticket.parent() != null) {
            return "⊃ duplicate of " + ticket.parent();
        }
        if (!ticket.rca().isBlank()) {
            return "RCA: " + ticket.rca();
        }
        return "—";
    }

    /** The badge text of a ticket: an alert ticket still waiting for a flow slot says so. */
    public static String statusLabel(Ticket t) {
        return t.waitingForSlot() ? "⏸ Waiting for a slot" : statusLabel(t.status());
    }

    /** The badge text: the original's operator-facing names. */
    public static String statusLabel(Status s) {
        return switch (s) {
            case DIAGNOSING -> "⚡ Diagnosing";
            case REMEDIATION_RECOMMENDED -> "◆ RCA Ready";
            case REMEDIATING -> "⚙ Remediating";
            case RESOLVED -> "✓ Resolved";
            case PARTIALLY_RESOLVED -> "✓ Partially Resolved";
            case NEEDS_FOLLOWUP -> "! Needs Followup";
            case DUPLICATE -> "⊃ Duplicate";
        };
    }

    /** "1m 05s", or an em dash when unknown. */
    public static String seconds(double s) {
        if (Double.isNaN(s)) {
            return "—";
        }
        if (s < 60) {
            return String.format("%.1fs", s);
        }
        long whole = Math.round(s);
        return String.format("%dm %02ds", whole / 60, whole % 60);
    }

    /** "12s ago", "3m ago", "1h 4m ago". */
    public static String age(double createdAt, double now) {
        long s = Math.max(0, Math.round(now - createdAt));
        if (s < 60) {
            return s + "s ago";
        }
        if (s < 3600) {
            return (s / 60) + "m ago";
        }
        return (s / 3600) + "h " + ((s % 3600) / 60) + "m ago";
    }
}
