package dev.opsdeck.engine.flow;

import dev.opsdeck.engine.event.Outcome;
import dev.opsdeck.engine.ticket.ActionRecord;
import dev.opsdeck.engine.ticket.ActionRecord.State;
import java.util.List;

/** What a sign-off's outcome makes of the proposed actions: approved by name, or never to run, and why. */
final class SignOffs {

    private SignOffs() {
    }

    /** The ticket's history line for how a sign-off ended, naming who ended it. */
    static String line(Outcome outcome, String by) {
        return switch (outcome) {
            case APPROVED -> "sign-off approved by " + by;
            case DEFERRED -> "sign-off deferred by " + by;
            case REJECTED -> "sign-off rejected by " + by;
            case DECLINED -> "sign-off declined by " + by;
            case EXPIRED -> "sign-off expired unanswered";
        };
    }

    static List<ActionRecord> decided(List<ActionRecord> actions, Outcome outcome, String by) {
        if (outcome == Outcome.APPROVED) {
            return actions.stream().map(a -> a.state() == State.PROPOSED ? a.approved(by) : a).toList();
        }
        String why = switch (outcome) {
            case DEFERRED -> "deferred by " + by + " to a later window";
            case EXPIRED -> "the sign-off expired unanswered";
            case DECLINED -> by + " declined to decide";
            default -> "rejected by " + by;
        };
        // Any verdict but an approval stops everything, the actions that could have run on their own included.
        return actions.stream().map(a -> a.state() == State.PROPOSED || a.state() == State.APPROVED
                ? a.as(State.NOT_APPROVED, "not run: " + why) : a).toList();
    }
}
