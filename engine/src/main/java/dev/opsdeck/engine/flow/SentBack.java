package dev.opsdeck.engine.flow;

import dev.opsdeck.engine.event.Outcome;
import dev.opsdeck.engine.runbook.Proposal;
import dev.opsdeck.engine.runbook.Runbook;
import dev.opsdeck.engine.store.Store;
import dev.opsdeck.engine.ticket.Ticket;
import java.util.List;
import java.util.Optional;

/**
 * The answers other than a verdict, checked before anything is claimed: a request for changes (feedback), an
 * override (another fitting runbook action), a step done by hand. Each becomes the answer a sign-off's channel keeps
 * ({@code decision}), so it is applied the same way on any server of a team; or is refused, saying why.
 */
public final class SentBack {

    /** What to claim: the outcome and the decision as the answer keeps it; or why not. */
    public record Claim(Outcome outcome, String decision, String refusal) {
        static Claim refused(String why) {
            return new Claim(null, null, why);
        }

        public boolean refused() {
            return refusal != null;
        }
    }

    private SentBack() {
    }

    /** Feedback instead of a verdict: the proposal is made again with it. */
    public static Claim changes(Store store, Ticket ticket, String feedback) {
        Optional<String> limit = Rounds.refusal(store, ticket.id());
        if (limit.isPresent()) {
            return Claim.refused(limit.get());
        }
        try {
            return new Claim(Outcome.CHANGES_REQUESTED, Rounds.clean(feedback, "feedback"), null);
        } catch (IllegalArgumentException e) {
            return Claim.refused(e.getMessage());
        }
    }

    /** Another runbook action that fits the ticket, shown with its dry run in a sign-off of its own. */
    public static Claim override(Store store, Runbook runbook, Ticket ticket, String action, String note) {
        Optional<String> limit = Rounds.refusal(store, ticket.id());
        if (limit.isPresent()) {
            return Claim.refused(limit.get());
        }
        Optional<String> unfit = unfit(runbook, ticket, action);
        if (unfit.isPresent()) {
            return Claim.refused(unfit.get());
        }
        try {
            String kept = note == null || note.isBlank() ? "" : Rounds.clean(note, "a note");
            return new Claim(Outcome.OVERRIDDEN, new OverrideChoice(action, kept).encoded(), null);
        } catch (IllegalArgumentException e) {
            return Claim.refused(e.getMessage());
        }
    }

    /** A step the person did by hand, standing for a fitting runbook action or for none ({@code action} null). */
    public static Claim byHand(Runbook runbook, Ticket ticket, String action, String note) {
        if (action != null && !action.isBlank()) {
            Optional<String> unfit = unfit(runbook, ticket, action);
            if (unfit.isPresent()) {
                return Claim.refused(unfit.get());
            }
        }
        try {
            return new Claim(Outcome.DONE_BY_HAND, new OverrideChoice(action, Rounds.clean(note, "a note of what was"
                    + " done by hand")).encoded(), null);
        } catch (IllegalArgumentException e) {
            return Claim.refused(e.getMessage());
        }
    }

    /** The runbook actions that fit the ticket now: what an override may choose from. */
    public static List<Proposal> fitting(Runbook runbook, Ticket ticket) {
        return runbook.propose(ticket).proposed();
    }

    private static Optional<String> unfit(Runbook runbook, Ticket ticket, String action) {
        List<Proposal> fit = fitting(runbook, ticket);
        if (action == null || fit.stream().noneMatch(p -> p.id().equals(action))) {
            return Optional.of((action == null ? "no action named" : "'" + action + "' is no runbook action that fits "
                    + ticket.id()) + "; " + (fit.isEmpty() ? "none fits it" : "one of: " + String.join(", ",
                    fit.stream().map(Proposal::id).toList())));
        }
        return Optional.empty();
    }
}
