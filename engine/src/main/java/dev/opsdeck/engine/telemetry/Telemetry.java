package dev.opsdeck.engine.telemetry;

/**
 * The metrics port: PromQL instant queries against a monitoring system. An implementation never throws and never
 * blocks past its own timeout; a failure comes back as a {@link Reading} that says what went wrong.
 */
public interface Telemetry {

    /** Where the metrics come from, for messages: {@code Prometheus at http://…}. */
    String name();

    /** The value of {@code promql} now. */
    Reading instant(String promql);
}
