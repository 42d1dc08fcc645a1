package dev.opsdeck.engine.flow;

import dev.opsdeck.engine.event.Outcome;
import dev.opsdeck.engine.ticket.ActionRecord;
import dev.opsdeck.engine.ticket.Ticket;
import java.util.List;

/** The fixed texts of the pipeline: the remediation kickoff, the sign-off prompt and the operator's decision lines. */
public final class Texts {

    /** An answer given to a team server that cannot reach the database: refused at once, never queued. */
    public static final String NOT_RECORDED_TEAM = "not recorded: this server cannot reach the database; answer again"
            + " on another server or when it is back";


    public static final String APPROVE = "Human sign-off: APPROVED. Proceed with the recommended remediation, "
            + "including the disruptive step, during the current change window. Standby capacity confirmed.";
    public static final String DEFER = "Human sign-off: DEFERRED. Hold the disruptive step (e.g. disk hot-swap) for "
            + "the next maintenance window; apply only the non-disruptive fixes now.";
    public static final String REJECT = "Human sign-off: REJECTED. Do not proceed with the recommended disruptive "
            + "remediation — the proposed fix is not approved. Escalate the incident for a human-led plan; any "
            + "non-disruptive fixes already applied stand.";

    private Texts() {
    }

    public static String remediationKickoff(Ticket t) {
        StringBuilder b = new StringBuilder();
        b.append(t.id()).append(" (").append(t.sev()).append("): ").append(t.issue()).append(" on ").append(t.system())
                .append(".\n");
        b.append("RCA: ").append(t.rca()).append(" (confidence=").append(t.confidence()).append(").\n");
        b.append("Recommended remediation steps:\n");
        if (t.recommendations().isEmpty()) {
            b.append("  (none recorded)\n");
        }
        for (String step : t.recommendations()) {
            b.append("  - ").append(step).append('\n');
        }
        b.append("Review these steps. Nobody here applies them by hand: the Runner runs the runbook actions that fit "
                + "this ticket, and only as the operator's sign-off allows; steps no action covers go to the owning "
                + "team.");
        return b.toString();
    }

    /**
     * The request's words, which every client shows (the original React app shows only these): the exact lines an
     * approval runs are in them, so an approval given from any client is of something its operator could read.
     */
    public static String signOffPrompt(List<String> recommendations, List<ActionRecord> actions) {
        String prompt = actions.isEmpty()
                ? "Human sign-off required. No runbook action fits: approving runs nothing."
                : "Human sign-off required. Approving runs exactly: " + String.join("; ", actions.stream()
                        .map(a -> a.id() + " [" + a.risk() + "] " + a.run()).toList()) + ".";
        return recommendations.isEmpty() ? prompt : prompt + " Recommended: " + String.join("; ", recommendations);
    }

    /** The console's answer: the verdict's own text (what the React app sends), and the operator's note if any. */
    public static String decision(Outcome verdict, String note) {
        String text = switch (verdict) {
            case APPROVED -> APPROVE;
            case DEFERRED -> DEFER;
            case REJECTED -> REJECT;
            default -> throw new IllegalArgumentException("not a decision an operator makes: " + verdict);
        };
        return note == null || note.isBlank() ? text : text + " Operator note: " + note.strip();
    }

    /**
     * What the Human posts for a sign-off that ended as {@code outcome}: always headed by the verdict, so the
     * Resolver never reads a verdict from free words. An answer already headed by its own verdict is posted as sent.
     */
    public static String operatorPost(Outcome outcome, String decision, long deadlineSeconds) {
        if (outcome == Outcome.DECLINED || outcome == Outcome.EXPIRED) {
            return unanswered(outcome, deadlineSeconds);
        }
        if (Outcome.headed(decision) && Outcome.ofPost(decision) == outcome) {
            return decision;
        }
        return decision(outcome, "") + " Operator's words: \u201c" + decision.strip() + "\u201d";
    }

    /**
     * What the Human posts, and {@code hitl_resolved}'s decision says, when the operator sends the proposal back or
     * does the step by hand: headed by the outcome, and saying this proposal is REJECTED, which is the truth about it
     * and what a client that knows only the four verdicts shows (the original React app reads REJECT in it).
     */
    public static String sentBack(Outcome outcome, String decision, String by) {
        OverrideChoice o = OverrideChoice.decode(decision);
        String note = o.note().isEmpty() ? "" : " Note: \u201c" + o.note() + "\u201d";
        return switch (outcome) {
            case CHANGES_REQUESTED -> "Human sign-off: CHANGES_REQUESTED by " + by + ". This proposal is REJECTED and"
                    + " nothing of it runs; Remediation proposes again with this feedback: \u201c" + decision
                    + "\u201d";
            case OVERRIDDEN -> "Human sign-off: OVERRIDDEN by " + by + ". This proposal is REJECTED and nothing of it "
                    + "runs; " + by + " chose the runbook action " + o.action() + " instead, which is dry-run and shown"
                    + " for a sign-off of its own." + note;
            case DONE_BY_HAND -> "Human sign-off: DONE_BY_HAND by " + by + ". This proposal is REJECTED and nothing of"
                    + " it runs: " + by + " did the step by hand" + (o.action() == null ? "" : " (" + o.action() + ")")
                    + ", not OpsDeck. The ticket is Resolved only if the signal is seen to clear." + note;
            default -> throw new IllegalArgumentException("not a sent-back answer: " + outcome);
        };
    }

    /** What the operator posts when a sign-off ends without a usable answer, so the band still joins. */
    public static String unanswered(Outcome outcome, long deadlineSeconds) {
        if (outcome == Outcome.EXPIRED) {
            return "Human sign-off: EXPIRED — no answer within " + deadlineSeconds + " s. The disruptive step is not "
                    + "applied; escalate for a human-led follow-up.";
        }
        return "Human sign-off: DECLINED — the operator gave no decision. The disruptive step is not applied; "
                + "escalate for a human-led follow-up.";
    }

    /** Python's repr of a list of strings, as the original's tool results print them. */
    public static String pyList(List<String> items) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(pyStr(items.get(i)));
        }
        return b.append(']').toString();
    }

    private static String pyStr(String s) {
        boolean useDouble = s.contains("'") && !s.contains("\"");
        char q = useDouble ? '"' : '\'';
        StringBuilder b = new StringBuilder().append(q);
        for (char c : s.toCharArray()) {
            if (c == '\\' || c == q) {
                b.append('\\');
            }
            if (c == '\n') {
                b.append("\\n");
                continue;
            }
            b.append(c);
        }
        return b.append(q).toString();
    }
}
