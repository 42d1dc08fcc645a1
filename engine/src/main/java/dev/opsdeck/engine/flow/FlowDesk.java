package dev.opsdeck.engine.flow;

import dev.opsdeck.engine.agent.ToolDesk;
import dev.opsdeck.engine.alert.AlertExpression;
import dev.opsdeck.engine.runbook.Runbook;
import dev.opsdeck.engine.telemetry.MetricProbes;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.ticket.Tickets;
import dev.opsdeck.engine.world.Incident;
import dev.opsdeck.engine.world.World;
import java.util.List;
import java.util.Optional;

/**
 * The desk the tools' handlers consult, for one ticket: the world's simulated probes (per incident), Prometheus
 * through the toolset, and the dedup lookup over the ticket store. What each tool answers is its own handler's
 * business ({@link dev.opsdeck.engine.agent.Tools}).
 */
final class FlowDesk {

    private final World world;
    private final Tickets tickets;
    private final MetricProbes metrics;
    private final Runbook runbook;

    FlowDesk(World world, Tickets tickets, MetricProbes metrics, Runbook runbook) {
        this.world = world;
        this.tickets = tickets;
        this.metrics = metrics;
        this.runbook = runbook;
    }

    ToolDesk deskFor(Ticket ticket, Incident incident) {
        return new ToolDesk() {
            @Override
            public String recentTickets(String system, String issue, int lookbackMinutes) {
                return lookup(ticket, system, issue, lookbackMinutes);
            }

            @Override
            public String worldProbe(String tool, String arg) {
                return world.probe(incident, tool, arg).result();
            }

            @Override
            public String metricProbe(String probe, String host) {
                // The alert's labels scope every probe: the object it is about is always looked at.
                MetricProbes.Answer answer = ticket.alert() == null ? metrics.run(probe, host)
                        : metrics.run(probe, host, ticket.alert().labels(),
                                AlertExpression.of(ticket.alert().generatorUrl()).orElse(""),
                                ticket.alert().startsAt());
                noteFailure(ticket, answer.failure());
                return answer.line();
            }

            @Override
            public String promql(String query) {
                return metrics.query(query);
            }

            @Override
            public String alertExpression() {
                Optional<String> expr = ticket.alert() == null ? Optional.empty()
                        : AlertExpression.of(ticket.alert().generatorUrl());
                if (expr.isEmpty()) {
                    return ToolDesk.super.alertExpression();
                }
                return metrics.alertExpression(expr.get(), ticket.alert().startsAt());
            }

            @Override
            public String runbookActions() {
                Runbook.Proposals p = runbook.propose(tickets.get(ticket.id()).orElse(ticket));
                if (p.proposed().isEmpty()) {
                    return "No runbook action fits " + ticket.id() + ": the steps are advice for the owning team."
                            + (p.refused().isEmpty() ? "" : " " + String.join("; ", p.refused()) + ".");
                }
                StringBuilder b = new StringBuilder(p.proposed().size() + " runbook action(s) fit " + ticket.id()
                        + ":");
                p.proposed().forEach(x -> b.append("\n- ").append(x.id()).append(" [").append(x.action().risk().wire())
                        .append("] ").append(x.action().title()).append(": ").append(x.shown()));
                p.refused().forEach(r -> b.append("\n- ").append(r));
                return b.toString();
            }

            @Override
            public String listText(List<String> items) {
                return Texts.pyList(items);
            }
        };
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
}
