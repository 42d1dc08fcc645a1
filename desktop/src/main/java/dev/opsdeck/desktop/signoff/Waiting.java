package dev.opsdeck.desktop.signoff;

import dev.opsdeck.engine.event.EngineEvent.SignOffRequested;
import java.util.Comparator;

/** A sign-off waiting for the operator, as the queue lists it: the most severe first, then the soonest deadline. */
public record Waiting(SignOffRequested request, String sev, String label) {

    public static final Comparator<Waiting> MOST_URGENT_FIRST = Comparator.comparing(Waiting::sev)
            .thenComparingDouble(w -> w.request().deadline()).thenComparing(w -> w.request().ticketId());

    public String channelId() {
        return request.channelId();
    }

    public String ticketId() {
        return request.ticketId();
    }

}
