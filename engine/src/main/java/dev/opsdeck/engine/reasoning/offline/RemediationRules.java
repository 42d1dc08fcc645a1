package dev.opsdeck.engine.reasoning.offline;

import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.agent.Tools;
import dev.opsdeck.engine.event.Outcome;
import dev.opsdeck.engine.reasoning.offline.OfflineRules.Turn;
import dev.opsdeck.engine.workflow.Envelope;
import dev.opsdeck.engine.world.Incident;
import dev.opsdeck.engine.world.World;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The remediation agents' rules. A fixer applies the safe steps it owns and only stages the disruptive ones
 * ({@code blocked_pending_approval}): the operator's sign-off, read by the Resolver, decides those.
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
        List<String> ordered = new ArrayList<>();
        for (String f : List.of("infra", "storage", "config")) {
            if (fixers.contains(f)) {
                ordered.add(f);
            }
        }
        ordered.add("human");
        String reason = "each recommended step has an owner; the operator signs off the disruptive one";
        t.call(Tools.ASSIGN_FIXERS.name(), "fixers", ordered, "reason", reason);
        t.body = "Fixers: " + String.join(", ", ordered) + ". The others proceed while the operator decides.";
    }

    static void infra(Turn t, World world, Incident incident) {
        Work w = new Work();
        for (String step : owned(t, "infra")) {
            String s = step.toLowerCase(Locale.ROOT);
            String node = s.contains(Diagnostics.storageHost(world, incident)) ? Diagnostics.storageHost(world, incident)
                    : incident.system();
            if (Playbook.disruptive(step)) {
                w.staged.add(step);
            } else if (s.contains("fail over") || s.contains("failover")) {
                w.done.add(t.call(Tools.FAILOVER_TO_STANDBY.name(), "node", node));
            } else {
                w.done.add(t.call(Tools.RESTART_SERVICE.name(), "service", incident.host("service", "nginx"), "host", node));
            }
        }
        submit(t, w);
    }

    static void storage(Turn t, World world, Incident incident) {
        Work w = new Work();
        for (String step : owned(t, "storage")) {
            String s = step.toLowerCase(Locale.ROOT);
            if (s.contains("hot-swap") || s.contains("replace")) {
                t.call(Tools.PREPARE_DISK_REPLACEMENT.name(), "slot", incident.host("slot", "1"));
                w.staged.add(step);
            } else if (!s.contains("pause") && (s.contains("start a scrub") || s.contains("scrub of pool"))) {
                w.done.add(t.call(Tools.START_POOL_SCRUB.name(), "pool", incident.host("pool", "tank")));
            } else if (Playbook.disruptive(step)) {
                w.staged.add(step);
            } else {
                w.handedOver.add(step);
            }
        }
        submit(t, w);
    }

    static void config(Turn t, World world, Incident incident) {
        Work w = new Work();
        for (String step : owned(t, "config")) {
            String s = step.toLowerCase(Locale.ROOT);
            if (Playbook.disruptive(step)) {
                w.staged.add(step);
                continue;
            }
            if (s.contains("timeout")) {
                w.done.add(t.call(Tools.SET_UPSTREAM_TIMEOUT.name(), "seconds", Playbook.seconds(step, 30)));
            }
            if (s.contains("health check")) {
                w.done.add(t.call(Tools.ADD_HEALTH_CHECK.name(), "target", incident.host("upstream", incident.system())));
            }
            if (!s.contains("timeout") && !s.contains("health check")) {
                w.handedOver.add(step);
            }
        }
        submit(t, w);
    }

    static void resolve(Turn t) {
        String signOff = null;
        List<String> statuses = new ArrayList<>();
        for (Envelope e : t.req.transcript()) {
            if (e.sender().equals(Agent.HUMAN.displayName())) {
                signOff = e.line().toUpperCase(Locale.ROOT);
            } else if (Tools.SUBMIT_FIX.name().equals(e.tool()) && e.toolArgs() != null) {
                statuses.add(String.valueOf(e.toolArgs().get("status")));
            }
        }
        boolean allApplied = statuses.stream().allMatch("applied"::equals);
        boolean onlyAwaitingApproval = statuses.stream()
                .allMatch(s -> s.equals("applied") || s.equals("blocked_pending_approval"));
        String status;
        String summary;
        String verdict = verdict(signOff);
        String fixes = statuses.size() + " fixer(s) reported: " + String.join(", ", statuses) + ".";
        switch (verdict) {
            case "APPROVED":
                status = onlyAwaitingApproval ? "resolved" : "partially_resolved";
                summary = "The operator approved the remediation, including the disruptive step. " + fixes
                        + (onlyAwaitingApproval ? " Every step is applied; the incident is resolved."
                                : " Some work is still pending and needs a follow-up.");
                break;
            case "DEFERRED":
                status = "partially_resolved";
                summary = "The operator deferred the disruptive step to the next maintenance window. " + fixes
                        + " The non-disruptive fixes stand; the deferred step remains to be done.";
                break;
            case "NONE":
                status = allApplied ? "resolved" : "partially_resolved";
                summary = "No sign-off was needed. " + fixes;
                break;
            default:
                status = "needs_followup";
                String why = verdict.equals("EXPIRED") ? "The sign-off expired unanswered"
                        : verdict.equals("DECLINED") ? "The operator declined to decide"
                        : "The operator rejected the remediation";
                summary = why + ", so the disruptive step is not applied. " + fixes
                        + " The incident is escalated for a human-led follow-up.";
        }
        t.call(Tools.CLOSE_TICKET.name(), "status", status, "summary", summary);
        t.body = "Closing as " + status + ": " + summary;
    }

    /** The operator's verdict from their post (failing safe: see {@link Outcome#ofPost}), or NONE without one. */
    static String verdict(String signOff) {
        return signOff == null ? "NONE" : Outcome.ofPost(signOff).name();
    }

    private static final class Work {
        final List<String> done = new ArrayList<>();
        final List<String> staged = new ArrayList<>();
        final List<String> handedOver = new ArrayList<>();
    }

    private static void submit(Turn t, Work w) {
        List<String> parts = new ArrayList<>();
        if (!w.done.isEmpty()) {
            parts.add("applied: " + String.join(" ", w.done));
        }
        if (!w.staged.isEmpty()) {
            parts.add("staged, awaiting operator approval: " + String.join(" ", w.staged));
        }
        if (!w.handedOver.isEmpty()) {
            parts.add("handed to the owning team: " + String.join(" ", w.handedOver));
        }
        String status = !w.staged.isEmpty() ? "blocked_pending_approval" : w.handedOver.isEmpty() ? "applied" : "partial";
        String summary = parts.isEmpty() ? "nothing of mine to apply" : String.join("; ", parts);
        t.call(Tools.SUBMIT_FIX.name(), "summary", summary, "status", status);
        t.body = DiagnosisRules.capital(summary) + (summary.endsWith(".") ? "" : ".");
    }

    private static List<String> steps(Turn t) {
        return t.req.ticket().recommendations();
    }

    private static List<String> owned(Turn t, String fixer) {
        return steps(t).stream().filter(s -> fixer.equals(Playbook.owner(s))).toList();
    }
}
