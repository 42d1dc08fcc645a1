package dev.opsdeck.engine.telemetry;

import java.time.Instant;
import java.util.Optional;

/**
 * The metrics port: PromQL instant queries against a monitoring system. An implementation never throws and never
 * blocks past its own timeout; a failure comes back as a {@link Reading} that says what went wrong.
 */
public interface Telemetry {

    /** Where the metrics come from, for messages: {@code Prometheus at http://…}. */
    String name();

    /** The value of {@code promql} now (or at the evaluation time this telemetry was given). */
    Reading instant(String promql);

    /** The value of {@code promql} at {@code when}: an alert's expression at its firing, say. */
    default Reading instantAt(String promql, Instant when) {
        return Reading.failed(name() + " cannot be asked about a past moment");
    }

    /** The fixed moment queries are evaluated at, when this telemetry replays one; empty: the monitoring's now. */
    default Optional<Instant> evaluationTime() {
        return Optional.empty();
    }
}
