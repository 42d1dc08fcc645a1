package dev.opsdeck.engine.agent;

import java.util.List;

/**
 * What a tool's handler may consult while it answers, for one ticket: the ticket store's dedup lookup, the world's
 * simulated probes, Prometheus through the toolset, and the original's list format. The flow gives one per turn;
 * a test can give its own.
 */
public interface ToolDesk {

    /** The dedup lookup's answer line for this ticket. */
    String recentTickets(String system, String issue, int lookbackMinutes);

    /** A simulated probe's answer line, from the world (the incident's table first, then the baseline). */
    String worldProbe(String tool, String arg);

    /** A toolset probe against Prometheus; a failure is also noted once on the ticket. */
    String metricProbe(String probe, String host);

    /** A bounded PromQL instant query. */
    String promql(String query);

    /** The ticket's alert expression re-run now and at its firing, or why it cannot be. */
    default String alertExpression() {
        return "this ticket came from no alert with an expression (generatorURL's g0.expr) to re-run";
    }

    /** The runbook actions that fit this ticket, one a line (id, risk, title, the exact line that would run). */
    default String runbookActions() {
        return "No runbook is loaded: no action can be proposed; the steps are advice for the owning team.";
    }

    /** A list as the original's tool results print it, Python's repr: {@code ['network', 'web']}. */
    String listText(List<String> items);
}
