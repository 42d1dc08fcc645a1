package dev.opsdeck.engine.ticket;

import dev.opsdeck.engine.ticket.ActionRecord.State;
import java.util.List;

/**
 * How an action fared on earlier tickets, for the person deciding now: shown to them, never used to decide for them.
 */
public final class ActionTrack {

    private ActionTrack() {
    }

    /** {@code approved 4 of 5 time(s) before; last not approved on INC-031 (rejected by bob)}, from {@code tickets}. */
    public static String of(String actionId, List<Ticket> tickets, String excludingTicket) {
        int decided = 0;
        int approved = 0;
        int failed = 0;
        Ticket lastRefusal = null;
        String refusal = null;
        for (Ticket t : tickets) {
            if (t.id().equals(excludingTicket)) {
                continue;
            }
            for (ActionRecord a : t.actions()) {
                if (!a.id().equals(actionId) || a.state() == State.PROPOSED) {
                    continue;
                }
                decided++;
                if (a.state() == State.NOT_APPROVED) {
                    if (lastRefusal == null || t.createdAt() > lastRefusal.createdAt()) {
                        lastRefusal = t;
                        refusal = a.note();
                    }
                } else if (a.approvedBy() != null) {
                    approved++;
                    failed += a.state() == State.FAILED || a.state() == State.UNKNOWN ? 1 : 0;
                }
            }
        }
        if (decided == 0) {
            return "not decided on any ticket in view before";
        }
        String s = "approved " + approved + " of " + decided + " time(s) before";
        if (failed > 0) {
            s += " (" + failed + " of those failed or ended unknown)";
        }
        if (lastRefusal != null) {
            s += "; last not approved on " + lastRefusal.id() + (refusal == null ? "" : " (" + refusal.replaceFirst(
                    "^not run: ", "") + ")");
        }
        return s;
    }
}
