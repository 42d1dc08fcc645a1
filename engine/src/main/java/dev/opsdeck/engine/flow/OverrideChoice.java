package dev.opsdeck.engine.flow;

/**
 * What an override holds: the runbook action the operator chose instead of the proposal (or, for a step done by
 * hand, the action it stands for, if any) and their note. Kept as the sign-off's answer in the store, as
 * {@code "<action>: <note>"}, so whichever server applies the answer (after a restart, on a takeover) reads the same.
 */
public record OverrideChoice(String action, String note) {

    /** The id of a by-hand step that stands for no runbook action. */
    public static final String BY_HAND = "by_hand";

    public OverrideChoice {
        action = action == null || action.isBlank() ? null : action.strip();
        note = note == null ? "" : note;
    }

    /** As the answer keeps it. Action ids never hold a colon (RUNBOOK.md), so the first ": " splits it back. */
    public String encoded() {
        return (action == null ? "" : action) + ": " + note;
    }

    public static OverrideChoice decode(String decision) {
        if (decision == null) {
            return new OverrideChoice(null, "");
        }
        int at = decision.indexOf(": ");
        return at < 0 ? new OverrideChoice(decision, "") : new OverrideChoice(decision.substring(0, at),
                decision.substring(at + 2));
    }
}
