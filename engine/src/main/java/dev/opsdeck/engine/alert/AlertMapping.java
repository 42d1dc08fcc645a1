package dev.opsdeck.engine.alert;

import dev.opsdeck.engine.ticket.Alert;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How an alert's labels become a ticket, as the README documents it: the system from {@code instance} (its port
 * stripped), else {@code host}, {@code service}, {@code job}; the issue from {@code alertname}; the severity from
 * {@code severity}; the description from the {@code summary} and {@code description} annotations.
 */
public final class AlertMapping {

    static final List<String> SYSTEM_LABELS = List.of("instance", "host", "service", "job");

    private AlertMapping() {
    }

    /** The system an alert speaks of, or empty when none of the labels names one. */
    public static String system(Map<String, String> labels) {
        return systemLabel(labels).map(label -> {
            String v = labels.get(label).trim();
            return label.equals("instance") ? withoutPort(v) : v;
        }).orElse("");
    }

    /** Which label names the system: the first of {@code instance, host, service, job} that is not blank. */
    static java.util.Optional<String> systemLabel(Map<String, String> labels) {
        return SYSTEM_LABELS.stream().filter(l -> !labels.getOrDefault(l, "").isBlank()).findFirst();
    }

    /** {@code host:9100} → {@code host}; {@code [::1]:9100} → {@code ::1}; a URL → its host. */
    static String withoutPort(String instance) {
        if (instance.contains("://")) {
            try {
                String host = URI.create(instance).getHost();
                if (host != null && !host.isEmpty()) {
                    return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
                }
            } catch (IllegalArgumentException e) {
                return instance; // not a URL after all: keep it whole rather than guess
            }
        }
        if (instance.startsWith("[")) {
            int close = instance.indexOf(']');
            return close > 0 ? instance.substring(1, close) : instance;
        }
        int colon = instance.lastIndexOf(':');
        boolean onePort = colon > 0 && instance.indexOf(':') == colon && instance.substring(colon + 1).matches("\\d+");
        return onePort ? instance.substring(0, colon) : instance;
    }

    /** The alert name as an issue key: what the ticket's issue allows (letters, digits, {@code _ . -}), others {@code _}. */
    public static String issue(String alertname) {
        String key = alertname.trim().replaceAll("[^A-Za-z0-9_.-]", "_");
        return key.isEmpty() ? "alert" : key;
    }

    /** critical/page → sev1; warning/error → sev2; sev1–sev3 as given; anything else (or none) → sev3. */
    public static String sev(String severity) {
        String s = severity == null ? "" : severity.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "critical": case "page": return "sev1";
            case "warning": case "error": return "sev2";
            case "sev1": case "sev2": case "sev3": return s;
            default: return "sev3";
        }
    }

    /**
     * What the agents read of an alert: its line (name, labels, summary), then its {@code description} when the line
     * does not already say it, its {@code runbook_url} and its expression, so a model and the rules start from what
     * the alert's author wrote.
     */
    public static String brief(Alert alert) {
        StringBuilder b = new StringBuilder(alert.line());
        String description = alert.annotations().getOrDefault("description", "").trim();
        if (!description.isEmpty() && !b.toString().contains(description)) {
            b.append(". Description: ").append(description);
        }
        String runbook = alert.annotations().getOrDefault("runbook_url", "").trim();
        if (!runbook.isEmpty()) {
            b.append(". Runbook: ").append(runbook);
        }
        AlertExpression.of(alert.generatorUrl()).ifPresent(e -> b.append(". Expression: ").append(e));
        return b.toString();
    }

    /** The {@code summary} and the {@code description}, joined by an em dash when both are there. */
    public static String description(Map<String, String> annotations) {
        String summary = annotations.getOrDefault("summary", "").trim();
        String description = annotations.getOrDefault("description", "").trim();
        if (summary.isEmpty() || description.isEmpty() || summary.equals(description)) {
            return summary.isEmpty() ? description : summary;
        }
        return summary + " — " + description;
    }
}
