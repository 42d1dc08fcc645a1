package dev.opsdeck.engine.store;

import dev.opsdeck.engine.Json;
import dev.opsdeck.engine.event.EngineEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * An event as a row of the store's event log: its record's name and its JSON. The names come from the sealed
 * interface's own list of records, so a new event type needs nothing here.
 */
final class EventRows {

    private static final Map<String, Class<? extends EngineEvent>> BY_KIND = new HashMap<>();

    static {
        for (Class<?> c : EngineEvent.class.getPermittedSubclasses()) {
            BY_KIND.put(c.getSimpleName(), c.asSubclass(EngineEvent.class));
        }
    }

    private EventRows() {
    }

    static String kind(EngineEvent e) {
        return e.getClass().getSimpleName();
    }

    static String json(EngineEvent e) {
        return Json.write(e);
    }

    /** An event with its JSON, written once. */
    record Row(EngineEvent event, String json) {
    }

    /**
     * The JSON of the one thing a single-field event carries ({@code {"ticket":{…}}} → {@code {…}}): the ticket's or
     * envelope's row is then the same text as in the event's, not a second serialisation.
     */
    static String inner(String eventJson) {
        return eventJson.substring(eventJson.indexOf(':') + 1, eventJson.length() - 1);
    }

    /** @throws IllegalArgumentException for a kind this code does not know (a newer server wrote it) */
    static EngineEvent read(String kind, String json) {
        Class<? extends EngineEvent> type = BY_KIND.get(kind);
        if (type == null) {
            throw new IllegalArgumentException("unknown event kind '" + kind + "'");
        }
        return Json.read(json, type);
    }

    /** Whether a ticket's projection follows from this event: these are logged by every store. */
    static boolean aboutTickets(EngineEvent e) {
        return e instanceof EngineEvent.TicketCreated || e instanceof EngineEvent.TicketChanged
                || e instanceof EngineEvent.Reset;
    }
}
