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
            case CHANGES_REQUESTED -> "sign-off: changes requested by " + by;
            case OVERRIDDEN -> "sign-off overridden by " + by;
            case DONE_BY_HAND -> "sign-off: done by hand by " + by;
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
            case CHANGES_REQUESTED -> "changes requested by " + by;
            case OVERRIDDEN -> "overridden by " + by + ": another action was chosen";
            case DONE_BY_HAND -> by + " did the step by hand";
            default -> "rejected by " + by;
        };
        // Any verdict but an approval stops everything, the actions that could have run on their own included.
        return actions.stream().map(a -> a.state() == State.PROPOSED || a.state() == State.APPROVED
                ? a.as(State.NOT_APPROVED, "not run: " + why) : a).toList();
    }

    /**
     * The proposals with {@code by}'s by-hand step in: it takes the place of the action it stands for (which then
     * never runs), or is added under {@code by_hand}.
     */
    static List<ActionRecord> withByHand(List<ActionRecord> decided, OverrideChoice o, String by, String title,
            String risk, double at) {
        String id = o.action() == null ? OverrideChoice.BY_HAND : o.action();
        ActionRecord step = ActionRecord.byHand(id, title, risk, by, o.note(), at);
        List<ActionRecord> out = new java.util.ArrayList<>(decided.stream().filter(a -> !a.id().equals(id)).toList());
        out.add(step);
        return List.copyOf(out);
    }
}
