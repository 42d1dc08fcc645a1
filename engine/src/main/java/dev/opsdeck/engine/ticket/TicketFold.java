package dev.opsdeck.engine.ticket;

import dev.opsdeck.engine.event.EngineEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The tickets in view as the fold of the ticket events, oldest first: what the store's ticket table projects, and
 * what a server rebuilds its view from. A ticket event carries the whole ticket after its change, so folding one is
 * taking it; a reset empties the view (the tickets stay stored, archived).
 */
public final class TicketFold {

    private final TreeMap<Integer, Ticket> view = new TreeMap<>();

    public static List<Ticket> of(List<EngineEvent> events) {
        TicketFold fold = new TicketFold();
        events.forEach(fold::apply);
        return fold.tickets();
    }

    public void apply(EngineEvent event) {
        if (event instanceof EngineEvent.TicketCreated c) {
            view.put(Ticket.number(c.ticket().id()), c.ticket());
        } else if (event instanceof EngineEvent.TicketChanged c) {
            view.computeIfPresent(Ticket.number(c.ticket().id()), (n, before) -> c.ticket());
        } else if (event instanceof EngineEvent.Reset) {
            view.clear();
        }
    }

    public List<Ticket> tickets() {
        return new ArrayList<>(view.values());
    }
}
