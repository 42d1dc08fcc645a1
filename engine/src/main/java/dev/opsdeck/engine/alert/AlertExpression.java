package dev.opsdeck.engine.alert;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The PromQL expression behind an alert, read from its {@code generatorURL}: Prometheus links to its graph page with
 * the rule's expression as {@code g0.expr}, which is what OpsDeck re-runs to see whether the alert still holds.
 */
public final class AlertExpression {

    private AlertExpression() {
    }

    /** The {@code g0.expr} of a Prometheus generator URL; empty for any other link (Grafana's, none). */
    public static Optional<String> of(String generatorUrl) {
        if (generatorUrl == null) {
            return Optional.empty();
        }
        int q = generatorUrl.indexOf('?');
        if (q < 0) {
            return Optional.empty();
        }
        for (String pair : generatorUrl.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals("g0.expr")) {
                try {
                    String expr = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8).trim();
                    return expr.isEmpty() ? Optional.empty() : Optional.of(expr);
                } catch (IllegalArgumentException e) {
                    return Optional.empty(); // a broken escape: no expression we could trust to run
                }
            }
        }
        return Optional.empty();
    }
}
