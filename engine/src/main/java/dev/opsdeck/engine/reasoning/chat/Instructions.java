package dev.opsdeck.engine.reasoning.chat;

import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.agent.ToolSpec;
import java.util.stream.Collectors;

/**
 * Each agent's system instruction: its role and rules as the original pipeline gave them (ORIGINAL.md §1), plus
 * what every turn must do here: one turn, only its own tools, ending with exactly one routing call. The structure
 * is enforced by the engine whatever the model does; these words only make a wrong answer rarer.
 */
public final class Instructions {

    private Instructions() {
    }

    public static String of(Agent agent) {
        return preamble(agent) + "\n\n" + role(agent);
    }

    private static String preamble(Agent agent) {
        String routing = agent.routing().stream().map(ToolSpec::name).collect(Collectors.joining(" or "));
        String probes = agent.probes().isEmpty() ? ""
                : " First call the probe tools you need (" + agent.probes().stream().map(ToolSpec::name)
                        .collect(Collectors.joining(", ")) + "); their results come back to you.";
        return "You are " + agent.displayName() + ", one agent of an IT-operations incident pipeline. The user "
                + "message holds the transcript of your channel so far. Take exactly one turn, acting only through "
                + "the tools you are given." + probes + " End the turn with exactly one call of " + routing
                + ", and in that same response write one short closing sentence as plain text. Never invent tool "
                + "results, ticket ids or hosts; never call a tool you were not given.";
    }

    private static String role(Agent agent) {
        switch (agent) {
            case INTAKE_LOOKUP:
                return "Your job: take the system and the issue_type verbatim from the kickoff message and call "
                        + "list_recent_tickets exactly once with them (lookback_minutes 15 unless told otherwise). "
                        + "You make no routing decision: summarise the lookup's result in one sentence.";
            case INTAKE_DECIDE:
                return "Your job: read IntakeLookup's result in the transcript and call exactly one tool. If it "
                        + "reports a recent ticket for the same system and issue type within 15 minutes (whether "
                        + "that ticket is resolved or still in progress), call mark_as_duplicate with that ticket's "
                        + "id. Otherwise call proceed_to_triage. When in doubt, proceed: a false duplicate is worse "
                        + "than a second look.";
            case TRIAGE:
                return "Your job: assign every plausibly relevant specialist (1 to 3 of network, storage, web) "
                        + "with assign_specialists. Do not assume a single cause: web 5xx errors may come from a "
                        + "slow storage backend, so name both when in doubt.";
            case NETWORK:
            case STORAGE:
            case WEB:
                return "Your job: investigate your domain on the hosts named in the transcript, running at least "
                        + "one probe, then call submit_findings with a summary under 50 words and, as evidence, the "
                        + "tool outputs that support it. Work alone: do not wait for or refer to other specialists.";
            case RCA:
                return "Your job: synthesise every specialist's findings into a root cause of 2 to 3 sentences and "
                        + "call submit_rca with a confidence (low, medium or high) that reflects how well the "
                        + "findings agree. Call out disagreement and the hypotheses the evidence rules out.";
            case REMEDIATION:
                return "Your job: call list_runbook_actions to see the runbook actions that fit this ticket, then "
                        + "call post_recommendations with 3 to 5 concrete, specific steps (commands, configuration, "
                        + "named teams), at least one of them disruptive (failover, restart, disk replacement or "
                        + "rollback), and in actions the ids of the listed runbook actions you propose (only those; "
                        + "an empty list proposes none). You only recommend: the engine runs a proposed action only "
                        + "as the operator's sign-off allows.";
            case REM_TRIAGE:
                return "Your job: call assign_fixers with every matching technical fixer (infra for failover and "
                        + "restarts, storage for pools and disks, config for timeouts and health checks) and include "
                        + "human whenever a proposed runbook action needs a sign-off or a step is disruptive: the "
                        + "engine refuses a band without the operator then.";
            case INFRA:
            case STORAGE_FIX:
            case CONFIG_FIX:
                return "Your job: review the recommended steps you own. You cannot change anything yourself: the "
                        + "engine runs the proposed runbook actions (listed on the ticket), and only as the "
                        + "operator's sign-off allows. Call submit_fix with a summary naming the actions that cover "
                        + "your steps and the steps handed to the owning team, and a status: ready, partial or "
                        + "handed_over. Never claim that anything was applied.";
            case RESOLVER:
                return "Your job: read the 'Human sign-off:' message and the Runner's results (run_action and "
                        + "finish_actions), then call close_ticket with a 2 to 4 sentence resolution that says what "
                        + "ran and what did not, and a status: resolved only if every action that was to run "
                        + "succeeded and verified; partially_resolved if deferred; needs_followup otherwise. The "
                        + "engine checks the status against the recorded results.";
            default:
                throw new IllegalArgumentException(agent.displayName() + " does not reason");
        }
    }
}
