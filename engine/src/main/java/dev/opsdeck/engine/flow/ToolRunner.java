package dev.opsdeck.engine.flow;

import dev.opsdeck.engine.telemetry.MetricProbes;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.ticket.Tickets;
import dev.opsdeck.engine.world.Incident;
import dev.opsdeck.engine.world.World;
import java.util.List;
import java.util.Map;

/**
 * What each tool answers, for one ticket: probes from the world (per incident) or from Prometheus (the toolset's
 * probes), the dedup lookup from the ticket store, fixers and routing tools with the original's acknowledgement lines. Arguments were checked before.
 */
final class ToolRunner {

    private final World world;
    private final Tickets tickets;
    private final MetricProbes metrics;

    ToolRunner(World world, Tickets tickets, MetricProbes metrics) {
        this.world = world;
        this.tickets = tickets;
        this.metrics = metrics;
    }

    String run(Ticket ticket, Incident incident, String tool, Map<String, Object> a) {
        switch (tool) {
            case "list_recent_tickets":
                return lookup(ticket, str(a, "system"), str(a, "issue_type"),
                        a.get("lookback_minutes") == null ? 15 : ((Number) a.get("lookback_minutes")).intValue());
            case "proceed_to_triage":
                return "Proceeded to triage: " + str(a, "reason");
            case "mark_as_duplicate":
                return "Marked as duplicate of " + str(a, "parent_ticket_id") + ": " + str(a, "reason");
            case "assign_specialists":
                return "Assigned to " + Texts.pyList(list(a, "specialists")) + ": " + str(a, "reason");
            case "submit_findings":
                return "Findings recorded: " + str(a, "summary");
            case "submit_rca":
                return "RCA recorded (" + str(a, "confidence") + "): " + str(a, "root_cause");
            case "post_recommendations":
                return "Posted " + list(a, "steps").size() + " recommendation step(s).";
            case "assign_fixers":
                return "Assigned fixers " + Texts.pyList(list(a, "fixers")) + ": " + str(a, "reason");
            case "failover_to_standby":
                return str(a, "node") + ": traffic drained to " + str(a, "node") + "-standby; primary now idle. OK.";
            case "restart_service":
                return str(a, "service") + " on " + str(a, "host") + ": restarted, health check green.";
            case "start_pool_scrub":
                return "pool " + str(a, "pool") + ": scrub started, repairing 14 errors, ETA ~12m.";
            case "prepare_disk_replacement":
                return "slot " + str(a, "slot") + ": failing disk staged for hot-swap; AWAITING OPERATOR APPROVAL "
                        + "before pulling the disk.";
            case "set_upstream_timeout":
                return "nginx upstream timeout set to " + ((Number) a.get("seconds")).intValue()
                        + "s; config reloaded, no errors.";
            case "add_health_check":
                return "health check added for " + str(a, "target") + "; unhealthy upstreams will be ejected.";
            case "submit_fix":
                return "Fix recorded (" + str(a, "status") + "): " + str(a, "summary");
            case "close_ticket":
                return "Ticket closed (" + str(a, "status") + "): " + str(a, "summary");
            case "run_metric_probe": {
                MetricProbes.Answer answer = metrics.run(str(a, "probe"), str(a, "host"));
                noteFailure(ticket, answer.failure());
                return answer.line();
            }
            case "query_prometheus":
                return metrics.query(str(a, "promql"));
            default:
                String arg = a.values().stream().findFirst().map(String::valueOf).orElse("");
                return world.probe(incident, tool, arg).result();
        }
    }

    /** A probe that got no reading says why on the ticket, once per cause: a diagnosis without evidence is explained. */
    private void noteFailure(Ticket ticket, String failure) {
        if (failure == null) {
            return;
        }
        String line = "no telemetry: " + failure;
        if (tickets.get(ticket.id()).map(t -> !t.history().contains(line)).orElse(false)) {
            tickets.change(ticket.id(), t -> t.history().contains(line) ? t : t.withNote(line));
        }
    }

    private String lookup(Ticket asking, String system, String issue, int lookbackMinutes) {
        List<Ticket> matches = tickets.matching(system, issue, lookbackMinutes, asking.id());
        if (matches.isEmpty()) {
            return "No recent matches.";
        }
        Ticket parent = matches.get(0);
        long minutes = Math.max(0, (long) Math.floor((tickets.now() - parent.createdAt()) / 60.0));
        StringBuilder b = new StringBuilder("Found 1 recent ticket: ").append(parent.id()).append(" opened ~")
                .append(minutes).append(" min ago — ").append(parent.issue()).append(" on ").append(parent.system())
                .append(", status=").append(parent.status().label());
        if (!parent.rca().isEmpty()) {
            b.append(", root_cause='").append(parent.rca()).append('\'');
        }
        if (!parent.recommendations().isEmpty()) {
            b.append(", recommendations=").append(Texts.pyList(parent.recommendations()));
        }
        return b.append(". Same system and issue type as the current incident.").toString();
    }

    private static String str(Map<String, Object> a, String key) {
        Object v = a.get(key);
        return v == null ? "" : v.toString();
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Map<String, Object> a, String key) {
        Object v = a.get(key);
        return v instanceof List<?> ? (List<String>) v : List.of();
    }
}
