package dev.opsdeck.desktop.tickets;

import java.util.function.Predicate;

/** The table's three views. */
public enum TicketFilter {
    ALL("All"), ACTIVE("Active"), RESOLVED("Resolved");

    private final String label;

    TicketFilter(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public Predicate<TicketRow> predicate() {
        return switch (this) {
            case ALL -> r -> true;
            case ACTIVE -> TicketRow::active;
            case RESOLVED -> r -> !r.active();
        };
    }
}
