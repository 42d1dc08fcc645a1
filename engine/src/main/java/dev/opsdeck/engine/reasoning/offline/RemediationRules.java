package dev.opsdeck.engine.reasoning.offline;

import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.agent.Tools;
import dev.opsdeck.engine.event.Outcome;
import dev.opsdeck.engine.reasoning.offline.OfflineRules.Turn;
import dev.opsdeck.engine.runbook.Closing;
import dev.opsdeck.engine.ticket.ActionRecord;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Envelope;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The remediation agents' rules. Fixers apply nothing: each reviews the steps it owns against the runbook actions
 * the runner proposed (which the engine runs only as the sign-off allows), and hands the rest to the owning team.
 * The Resolver closes on what was recorded.
 */
final class RemediationRules {

    private RemediationRules() {
    }

    static void assignFixers(Turn t) {
        Set<String> fixers = new LinkedHashSet<>();
        for (String step : steps(t)) {
            String owner = Playbook.owner(step);
            if (owner != null) {
                fixers.add(owner);
            }
        }
        for (ActionRecord a : t.req.ticket().actions()) {
            String owner = Playbook.owner(a.title());
            if (owner != null) {
                fixers.add(owner);
            }
        }
        List<String> ordered = new ArrayList<>();
        for (String f : List.of("infra", "storage", "config")) {
            if (fixers.contains(f)) {
                ordered.add(f);
            }
        }
        // The operator is left out only when nothing needs them: every action may run on its own and no step says
        // it is disruptive.
        boolean needsHuman = t.req.ticket().actions().stream().anyMatch(ActionRecord::needsSignOff)
                || steps(t).stream().anyMatch(Playbook::disruptive) || t.req.ticket().actions().isEmpty();
        if (needsHuman || ordered.isEmpty()) {
            ordered.add("human");
        }
        String reason = needsHuman ? "each recommended step has an owner; the operator signs off the runbook actions"
                : "each recommended step has an owner; every proposed action may run without a sign-off";
        t.call(Tools.ASSIGN_FIXERS.name(), "fixers", ordered, "reason", reason);
        t.body = "Fixers: " + String.join(", ", ordered) + ". The others review while the operator decides.";
    }

    /** A fixer's review: which proposed actions cover its steps, and which steps are advice for the owning team. */
    static void review(Turn t, String fixer) {
        Ticket ticket = t.req.ticket();
        List<String> actions = ticket.actions().stream().filter(a -> fixer.equals(Playbook.owner(a.title())))
                .map(a -> a.id() + (a.needsSignOff() ? " (after the sign-off)" : " (may run on its own)")).toList();
        List<String> owned = steps(t).stream().filter(s -> fixer.equals(Playbook.owner(s))).toList();
        List<String> parts = new ArrayList<>();
        if (!actions.isEmpty()) {
            parts.add("runbook action(s) the engine will run if allowed: " + String.join(", ", actions));
        }
        if (!owned.isEmpty()) {
            parts.add("advice for the owning team: " + String.join(" ", owned));
        }
        String status = actions.isEmpty() ? "handed_over" : owned.isEmpty() ? "ready" : "partial";
        String summary = parts.isEmpty() ? "nothing of mine in this remediation" : String.join("; ", parts);
        t.call(Tools.SUBMIT_FIX.name(), "summary", summary, "status", status);
        t.body = DiagnosisRules.capital(summary) + (summary.endsWith(".") ? "" : ".");
    }

    static void resolve(Turn t) {
        String signOff = null;
        for (Envelope e : t.req.transcript()) {
            if (e.sender().equals(Agent.HUMAN.displayName())) {
                signOff = e.line();
            }
        }
        Outcome verdict = signOff == null ? null : Outcome.ofPost(signOff.toUpperCase(java.util.Locale.ROOT));
        List<ActionRecord> actions = t.req.ticket().actions();
        Closing closing = Closing.of(verdict, actions);
        String status = switch (closing.status()) {
            case RESOLVED -> "resolved";
            case PARTIALLY_RESOLVED -> "partially_resolved";
            default -> "needs_followup";
        };
        StringBuilder summary = new StringBuilder(capitalised(closing.reason())).append('.');
        if (!actions.isEmpty()) {
            summary.append(" Actions: ");
            for (int i = 0; i < actions.size(); i++) {
                summary.append(i == 0 ? "" : "; ").append(actions.get(i).line());
            }
            summary.append('.');
        }
        List<String> advice = steps(t);
        if (!advice.isEmpty()) {
            summary.append(" Advice left for the owning team: ").append(advice.size()).append(" step(s).");
        }
        t.call(Tools.CLOSE_TICKET.name(), "status", status, "summary", summary.toString());
        t.body = "Closing as " + status + ": " + summary;
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static List<String> steps(Turn t) {
        return t.req.ticket().recommendations();
    }
}
