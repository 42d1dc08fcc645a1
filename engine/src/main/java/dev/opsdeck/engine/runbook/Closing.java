package dev.opsdeck.engine.runbook;

import dev.opsdeck.engine.event.Outcome;
import dev.opsdeck.engine.ticket.ActionRecord;
import dev.opsdeck.engine.ticket.ActionRecord.State;
import dev.opsdeck.engine.ticket.Status;
import java.util.List;

/**
 * How a remediation closes, from what was recorded (the operator's verdict and each action's result), never from a
 * sentence: Resolved only when every action that was to run ran, succeeded and verified.
 */
public record Closing(Status status, String reason) {

    /** @param verdict the sign-off's outcome, null when no sign-off was asked */
    public static Closing of(Outcome verdict, List<ActionRecord> actions) {
        for (ActionRecord a : actions) {
            if (a.state() == State.UNKNOWN) {
                return followup("the outcome of " + a.id() + " is unknown: check it by hand");
            }
        }
        for (ActionRecord a : actions) {
            if (a.state() == State.FAILED) {
                return followup(a.id() + " failed: " + a.note());
            }
            if (a.state() == State.SUCCEEDED && Boolean.FALSE.equals(a.verified())) {
                return followup(a.id() + " ran, but its verification never held: " + a.note());
            }
            if (a.state() == State.SKIPPED) {
                return followup(a.id() + " did not run: " + a.note());
            }
            // A person's step counts only once the signal was seen to clear, as the machine's does.
            if (a.state() == State.DONE_BY_HAND && !Boolean.TRUE.equals(a.verified())) {
                return followup(a.id() + " was done by hand by " + a.approvedBy() + (a.verified() == null
                        ? "; nothing verified that it took: check the signal" : ", but its verification never held")
                        + " (" + a.note() + ")");
            }
        }
        long byHand = actions.stream().filter(a -> a.state() == State.DONE_BY_HAND).count();
        if (verdict == Outcome.DONE_BY_HAND && byHand > 0) {
            return new Closing(Status.RESOLVED, byHand + " step(s) done by hand by " + actions.stream()
                    .filter(a -> a.state() == State.DONE_BY_HAND).map(ActionRecord::approvedBy).distinct()
                    .reduce((x, y) -> x + ", " + y).orElse("") + ", verified");
        }
        if (verdict == Outcome.DEFERRED) {
            return new Closing(Status.PARTIALLY_RESOLVED, "the operator deferred the remediation; nothing ran");
        }
        if (verdict != null && verdict != Outcome.APPROVED) {
            String who = switch (verdict) {
                case EXPIRED -> "the sign-off expired unanswered";
                case DECLINED -> "the operator declined to decide";
                case CHANGES_REQUESTED, OVERRIDDEN -> "the operator asked for another proposal";
                default -> "the operator rejected the remediation";
            };
            return followup(who + "; nothing ran");
        }
        long ran = actions.stream().filter(a -> a.state() == State.SUCCEEDED).count();
        if (ran == 0) {
            return followup("no runbook action ran: the recommended steps are handed to the owning team");
        }
        return new Closing(Status.RESOLVED, ran + " action(s) ran and succeeded"
                + (actions.stream().anyMatch(a -> Boolean.TRUE.equals(a.verified())) ? ", verified" : ""));
    }

    private static Closing followup(String why) {
        return new Closing(Status.NEEDS_FOLLOWUP, why);
    }
}
