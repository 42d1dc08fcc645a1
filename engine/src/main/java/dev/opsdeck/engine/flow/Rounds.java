package dev.opsdeck.engine.flow;

import dev.opsdeck.engine.event.Outcome;
import dev.opsdeck.engine.store.Store;
import dev.opsdeck.engine.store.Store.ChannelRecord;
import dev.opsdeck.engine.store.Store.Verdict;
import dev.opsdeck.engine.ticket.Remarks;
import dev.opsdeck.engine.workflow.Graphs;
import dev.opsdeck.engine.workflow.Stage;
import java.util.List;
import java.util.Optional;

/**
 * A ticket's remediation in rounds. A request for changes or an override ends a round with that answer, and the
 * next round proposes again in a channel of its own ({@code INC-007.remediation-r2}): each channel still has at most
 * one sign-off and one answer, so the answer table, crash recovery and a team's takeover work on rounds unchanged.
 * What the earlier rounds were told is read back from their answers in the store, wherever and whenever the next
 * round runs.
 */
public final class Rounds {

    /** How many times one ticket's proposal may be sent back (changes or an override) before a verdict is due. */
    public static final int MAX_REQUESTS = 3;
    /** The longest feedback or note a person may give. */
    public static final int MAX_TEXT = 500;

    private Rounds() {
    }

    /** The channel of round {@code round} (from 1) of a ticket's remediation. */
    static String channelId(String ticketId, int round) {
        String first = ChannelRun.idFor(ticketId, Stage.REMEDIATION);
        return round <= 1 ? first : first + "-r" + round;
    }

    /** The remediation rounds the ticket had so far. */
    static int count(Store store, String ticketId) {
        return (int) store.channels(ticketId).stream().filter(c -> c.stage() == Stage.REMEDIATION).count();
    }

    /** The answers that ended the ticket's earlier rounds, oldest first. */
    static List<Verdict> asked(Store store, String ticketId) {
        return store.channels(ticketId).stream().filter(Rounds::sentBack).map(c -> store.answer(c.id()))
                .flatMap(Optional::stream).toList();
    }

    private static boolean sentBack(ChannelRecord c) {
        return c.stage() == Stage.REMEDIATION && (Graphs.CHANGES_REQUESTED.equals(c.closedReason())
                || Graphs.OVERRIDDEN.equals(c.closedReason()));
    }

    static boolean sentBack(String closeReason) {
        return Graphs.CHANGES_REQUESTED.equals(closeReason) || Graphs.OVERRIDDEN.equals(closeReason);
    }

    /** Why the ticket's proposal may not be sent back again, if it may not. */
    public static Optional<String> refusal(Store store, String ticketId) {
        long sent = store.channels(ticketId).stream().filter(Rounds::sentBack).count();
        return sent < MAX_REQUESTS ? Optional.empty() : Optional.of(ticketId + " had its proposal sent back "
                + sent + " times, the most one ticket may: approve, defer or reject this sign-off, or record the"
                + " step you did by hand");
    }

    /**
     * A person's feedback or note as kept: plain text as comments are ({@link Remarks#clean}), on one line, at most
     * {@link #MAX_TEXT} characters.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static String clean(String text, String what) {
        String t;
        try {
            t = Remarks.clean(text).replaceAll("\\s*\\n\\s*", " ");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " needs some text (control characters and terminal escapes are"
                    + " removed)");
        }
        if (t.length() > MAX_TEXT) {
            throw new IllegalArgumentException(what + " is at most " + MAX_TEXT + " characters; this is " + t.length());
        }
        return t;
    }

    /** The ticket's history line for an answer that ended a round. */
    static String line(Outcome outcome, String decision, String by) {
        if (outcome == Outcome.CHANGES_REQUESTED) {
            return "changes requested by " + by + ": " + decision;
        }
        OverrideChoice o = OverrideChoice.decode(decision);
        return "overridden by " + by + ": " + o.action() + " instead of the proposal" + (o.note().isEmpty() ? ""
                : " (" + o.note() + ")");
    }

    /** What the next round's kickoff adds: each earlier answer, so a model reads the feedback in its input. */
    static String kickoffAddition(List<Verdict> asked) {
        StringBuilder b = new StringBuilder();
        for (Verdict v : asked) {
            b.append("\n").append(v.outcome() == Outcome.CHANGES_REQUESTED ? "Changes requested by " + v.by() + ": "
                    + v.decision() : "Override by " + v.by() + ": propose only the runbook action "
                    + OverrideChoice.decode(v.decision()).action() + ".");
        }
        if (!asked.isEmpty()) {
            b.append("\nPropose again with this feedback: a runbook action or a host it names is not proposed.");
        }
        return b.toString();
    }
}
