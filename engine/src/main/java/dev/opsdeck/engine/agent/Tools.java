package dev.opsdeck.engine.agent;

import static dev.opsdeck.engine.agent.Param.choice;
import static dev.opsdeck.engine.agent.Param.integer;
import static dev.opsdeck.engine.agent.Param.list;
import static dev.opsdeck.engine.agent.Param.text;

import java.util.List;
import java.util.Map;

/**
 * Every tool of both stages, each with its handler: the argument shapes and acknowledgement lines of the original
 * pipeline, the simulated probes answered by the world, the toolset's probes by Prometheus. No tool here changes
 * anything outside OpsDeck: runbook actions do, run by the engine ({@code flow/Runner}).
 */
public final class Tools {

    public static final ToolSpec LIST_RECENT_TICKETS = new ToolSpec("list_recent_tickets",
            "Look up recent tickets for the same system and issue type (the dedup lookup).",
            List.of(text("system", "the system id, verbatim from the kickoff"),
                    text("issue_type", "the issue type key, verbatim from the kickoff"),
                    integer("lookback_minutes", "how far back to look, default 15", false)),
            (d, a) -> d.recentTickets(str(a, "system"), str(a, "issue_type"),
                    a.get("lookback_minutes") == null ? 15 : ((Number) a.get("lookback_minutes")).intValue()));
    public static final ToolSpec PROCEED_TO_TRIAGE = new ToolSpec("proceed_to_triage",
            "The incident is new: hand it to Triage.", List.of(text("reason", "why it is not a duplicate")),
            (d, a) -> "Proceeded to triage: " + str(a, "reason"));
    public static final ToolSpec MARK_AS_DUPLICATE = new ToolSpec("mark_as_duplicate",
            "The incident repeats a recent ticket: close it as a duplicate of that ticket.",
            List.of(text("parent_ticket_id", "the id of the recent ticket, e.g. INC-007"),
                    text("reason", "why it is a duplicate")),
            (d, a) -> "Marked as duplicate of " + str(a, "parent_ticket_id") + ": " + str(a, "reason"));
    public static final ToolSpec ASSIGN_SPECIALISTS = new ToolSpec("assign_specialists",
            "Assign every plausibly relevant specialist; they investigate in parallel.",
            List.of(list("specialists", "1 to 3 of network, storage, web", "network", "storage", "web"),
                    text("reason", "why these specialists")),
            (d, a) -> "Assigned to " + d.listText(strings(a, "specialists")) + ": " + str(a, "reason"));

    public static final ToolSpec PING_HOST = simulated("ping_host", "host", "Ping a host.");
    public static final ToolSpec CHECK_DNS = simulated("check_dns", "host", "Resolve a host's DNS record.");
    public static final ToolSpec GET_NETWORK_ROUTES = simulated("get_network_routes", "host", "Show the route to a host.");
    public static final ToolSpec GET_DISK_STATUS = simulated("get_disk_status", "host", "List a storage host's disks.");
    public static final ToolSpec GET_POOL_HEALTH = simulated("get_pool_health", "pool", "Show a ZFS pool's health.");
    public static final ToolSpec GET_SMART_DATA = simulated("get_smart_data", "disk", "Read a disk's SMART data.");
    public static final ToolSpec GET_RECENT_5XX = simulated("get_recent_5xx", "host", "Count recent 5xx answers of a web host.");
    public static final ToolSpec GET_UPSTREAM_LATENCY = simulated("get_upstream_latency", "host", "Show a web host's upstream latencies.");
    public static final ToolSpec GET_ACTIVE_CONNECTIONS = simulated("get_active_connections", "host", "Count a web host's connections.");

    /** The toolset's named PromQL probes (the toolset file lists them), for systems the world does not simulate. */
    public static final ToolSpec RUN_METRIC_PROBE = new ToolSpec("run_metric_probe",
            "Run one named probe of the Prometheus toolset against a host; the answer carries the values, the "
                    + "threshold and the query, and names every anomaly.",
            List.of(text("probe", "the probe's name in the toolset, e.g. filesystem_readonly"),
                    text("host", "the system, verbatim from the kickoff")),
            (d, a) -> d.metricProbe(str(a, "probe"), str(a, "host")));
    /** The alert's own condition, asked again: the first evidence of a ticket an alert opened. */
    public static final ToolSpec CHECK_ALERT_EXPRESSION = new ToolSpec("check_alert_expression",
            "Re-run the alert's own PromQL expression (its generatorURL's g0.expr) now and at its firing time: "
                    + "whether it still holds, and the values then and now.",
            List.of(), (d, a) -> d.alertExpression());
    public static final ToolSpec QUERY_PROMETHEUS = new ToolSpec("query_prometheus",
            "Run a PromQL instant query against Prometheus (at most 20 series come back, with a timeout).",
            List.of(text("promql", "an instant-vector PromQL expression")),
            (d, a) -> d.promql(str(a, "promql")));

    public static final ToolSpec SUBMIT_FINDINGS = new ToolSpec("submit_findings",
            "Record your findings (summary under 50 words, evidence = the supporting tool outputs).",
            List.of(text("summary", "what you found, under 50 words"), text("evidence", "the tool outputs that support it")),
            (d, a) -> "Findings recorded: " + str(a, "summary"));
    public static final ToolSpec SUBMIT_RCA = new ToolSpec("submit_rca",
            "Record the root cause (2-3 sentences) and your confidence.",
            List.of(text("root_cause", "2-3 sentences; call out disagreement and ruled-out hypotheses"),
                    choice("confidence", "how well the findings agree", "low", "medium", "high")),
            (d, a) -> "RCA recorded (" + str(a, "confidence") + "): " + str(a, "root_cause"));
    /** The runbook actions that fit the ticket, as the Remediation agent chooses among them. */
    public static final ToolSpec LIST_RUNBOOK_ACTIONS = new ToolSpec("list_runbook_actions",
            "List the runbook actions that fit this ticket (id, risk, title, the exact line that would run); only "
                    + "these may be proposed, and the engine runs them only as the operator's sign-off allows.",
            List.of(), (d, a) -> d.runbookActions());
    public static final ToolSpec POST_RECOMMENDATIONS = new ToolSpec("post_recommendations",
            "Post 3-5 concrete remediation steps (recommend only), and the ids of the runbook actions you propose.",
            List.of(list("steps", "3 to 5 concrete steps, at least one disruptive"),
                    Param.optionalList("actions", "ids from list_runbook_actions that you propose; left out: every "
                            + "action that fits")),
            (d, a) -> "Posted " + strings(a, "steps").size() + " recommendation step(s)"
                    + (a.get("actions") == null ? "." : " and proposed " + strings(a, "actions") + "."));

    public static final ToolSpec ASSIGN_FIXERS = new ToolSpec("assign_fixers",
            "Assign every matching fixer, always including human for the change-policy sign-off.",
            List.of(list("fixers", "of infra, storage, config, human", "infra", "storage", "config", "human"),
                    text("reason", "why these fixers")),
            (d, a) -> "Assigned fixers " + d.listText(strings(a, "fixers")) + ": " + str(a, "reason"));
    /**
     * A fixer's review. Fixers apply nothing: the engine's runner runs runbook actions, and only as the sign-off
     * allows; a fixer says which of its steps an action covers and which are advice for the owning team.
     */
    public static final ToolSpec SUBMIT_FIX = new ToolSpec("submit_fix",
            "Record your review of the steps you own: which proposed runbook actions cover them (the engine runs "
                    + "those, only as the sign-off allows) and which are handed to the owning team.",
            List.of(text("summary", "what covers your steps and what is handed over"),
                    choice("status", "ready (actions cover your steps), partial, or handed_over (no action fits)",
                            "ready", "partial", "handed_over")),
            (d, a) -> "Review recorded (" + str(a, "status") + "): " + str(a, "summary"));

    /** The runner's posts: the engine makes them, never a reasoner, so their handlers refuse any call. */
    public static final ToolSpec PROPOSE_ACTIONS = engineOnly("propose_actions",
            "The runbook actions proposed for this ticket, each resolved and dry-run.");
    public static final ToolSpec RUN_ACTION = engineOnly("run_action", "One runbook action run, and its result.");
    public static final ToolSpec FINISH_ACTIONS = engineOnly("finish_actions",
            "Every action that was to run has run (or will not): the Resolver closes on the results.");

    public static final ToolSpec CLOSE_TICKET = new ToolSpec("close_ticket",
            "Close the ticket with a 2-4 sentence resolution and its final status.",
            List.of(choice("status", "the final status", "resolved", "partially_resolved", "needs_followup"),
                    text("summary", "the resolution, 2-4 sentences")),
            (d, a) -> "Ticket closed (" + str(a, "status") + "): " + str(a, "summary"));

    private Tools() {
    }

    private static ToolSpec engineOnly(String name, String description) {
        return new ToolSpec(name, description, List.of(), (d, a) -> {
            throw new IllegalStateException(name + " is posted by the engine's runner, never called by an agent");
        });
    }

    /** A probe of the simulated estate: one argument, answered by the world. */
    private static ToolSpec simulated(String name, String arg, String description) {
        return new ToolSpec(name, description, List.of(text(arg, "the " + arg + " to probe")),
                (d, a) -> d.worldProbe(name, str(a, arg)));
    }

    private static String str(Map<String, Object> a, String key) {
        Object v = a.get(key);
        return v == null ? "" : v.toString();
    }

    private static List<String> strings(Map<String, Object> a, String key) {
        Object v = a.get(key);
        return v instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }
}
