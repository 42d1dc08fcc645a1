package dev.opsdeck.engine.flow;

import dev.opsdeck.engine.telemetry.MetricProbes;
import dev.opsdeck.engine.telemetry.Reading;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.ticket.Tickets;
import java.time.Duration;

/**
 * Whether a fix took: the action's PromQL returns a series, or the ticket's own alert was delivered resolved after
 * the action started. Polled until it holds or its time is up; this waits on the runner's turn thread, which is
 * what a runner turn is for.
 */
final class Verification {

    static final String ALERT_RESOLVED = "alert resolved at";

    private final MetricProbes metrics;
    private final Tickets tickets;
    private final String ticketId;

    Verification(MetricProbes metrics, Tickets tickets, String ticketId) {
        this.metrics = metrics;
        this.tickets = tickets;
        this.ticketId = ticketId;
    }

    record Held(boolean held, String how) {
    }

    Held await(String promql, Duration within, double since) {
        long deadline = System.nanoTime() + within.toNanos();
        long pause = Math.max(200, Math.min(2000, within.toMillis() / 20));
        String last = "";
        while (true) {
            Reading r = metrics.instant(promql);
            if (!r.failed() && !r.samples().isEmpty()) {
                return new Held(true, promql + " holds");
            }
            if (alertResolvedSince(since)) {
                return new Held(true, "the alert was resolved");
            }
            last = r.failed() ? r.failure() : "no series";
            if (System.nanoTime() >= deadline) {
                return new Held(false, "still firing after " + seconds(within) + " (" + promql + ": " + last + ")");
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Held(false, "interrupted while verifying (" + last + ")");
            }
        }
    }

    private boolean alertResolvedSince(double since) {
        Ticket t = tickets.get(ticketId).orElse(null);
        return t != null && t.timeline().stream().anyMatch(m -> m.at() >= since && m.what().startsWith(ALERT_RESOLVED));
    }

    private static String seconds(Duration d) {
        return d.toSeconds() >= 60 && d.toSeconds() % 60 == 0 ? d.toMinutes() + "m" : d.toSeconds() + "s";
    }
}
