package dev.opsdeck.engine.testing;

import dev.opsdeck.engine.event.EngineEvent;
import java.util.List;

/** Events as short comparable lines: {@code envelope Triage assign_specialists}, {@code ticket_status Duplicate}. */
public final class Trace {

    private Trace() {
    }

    public static String line(EngineEvent e) {
        if (e instanceof EngineEvent.EnvelopePosted p) {
            return "envelope " + p.envelope().sender() + (p.envelope().isPacket() ? " " + p.envelope().tool() : " text");
        }
        if (e instanceof EngineEvent.TicketChanged c) {
            return "ticket_status " + c.ticket().status().label() + (c.ticket().needsHuman() ? " needs_human" : "");
        }
        if (e instanceof EngineEvent.ChannelOpened o) {
            return "channel_opened " + o.stage().wire();
        }
        if (e instanceof EngineEvent.ChannelClosed c) {
            return "channel_closed " + c.reason();
        }
        if (e instanceof EngineEvent.SignOffResolved r) {
            return "hitl_resolved " + r.outcome().wire();
        }
        return e.type();
    }

    /** The events of one ticket (its ticket, its channels) in the order they were published. */
    public static List<EngineEvent> of(String ticketId, List<EngineEvent> events) {
        String prefix = ticketId + ".";
        return events.stream().filter(e -> belongs(e, ticketId, prefix)).toList();
    }

    private static boolean belongs(EngineEvent e, String id, String prefix) {
        if (e instanceof EngineEvent.TicketCreated c) {
            return c.ticket().id().equals(id);
        }
        if (e instanceof EngineEvent.TicketChanged c) {
            return c.ticket().id().equals(id);
        }
        if (e instanceof EngineEvent.ChannelOpened o) {
            return o.ticketId().equals(id);
        }
        if (e instanceof EngineEvent.EnvelopePosted p) {
            return p.envelope().channelId().startsWith(prefix);
        }
        if (e instanceof EngineEvent.SignOffRequested r) {
            return r.ticketId().equals(id);
        }
        if (e instanceof EngineEvent.SignOffResolved r) {
            return r.channelId().startsWith(prefix);
        }
        if (e instanceof EngineEvent.ChannelClosed c) {
            return c.channelId().startsWith(prefix);
        }
        return false;
    }
}
