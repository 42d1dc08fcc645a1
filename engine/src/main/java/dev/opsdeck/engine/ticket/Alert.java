package dev.opsdeck.engine.ticket;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.TreeMap;

/**
 * The monitoring alert a ticket was opened for, kept on the ticket as delivered (an addition PROTOCOL.md allows):
 * whoever reads the ticket sees what fired, where to look ({@code generatorURL}) and which alert it is.
 *
 * @param source      {@code alertmanager} or {@code grafana}
 * @param fingerprint the alert's identity across deliveries; a repeat of an open one opens nothing
 * @param values      Grafana's evaluated values, empty for Alertmanager
 * @param links       Grafana's {@code dashboardURL}, {@code panelURL} and {@code silenceURL}, when given
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Alert(
        String source,
        String fingerprint,
        Map<String, String> labels,
        Map<String, String> annotations,
        @JsonProperty("generatorURL") String generatorUrl,
        @JsonProperty("startsAt") String startsAt,
        Map<String, Object> values,
        Map<String, String> links) {

    public Alert {
        labels = labels == null ? Map.of() : new TreeMap<>(labels);
        annotations = annotations == null ? Map.of() : new TreeMap<>(annotations);
        values = values == null ? Map.of() : new TreeMap<>(values);
        links = links == null ? Map.of() : new TreeMap<>(links);
        generatorUrl = generatorUrl == null ? "" : generatorUrl;
        startsAt = startsAt == null ? "" : startsAt;
    }

    /** The same alert, as delivered again with a later {@code startsAt}. */
    public Alert since(String newStartsAt) {
        return new Alert(source, fingerprint, labels, annotations, generatorUrl, newStartsAt, values, links);
    }

    /** The alert's name, the {@code alertname} label. */
    public String name() {
        return labels.getOrDefault("alertname", "");
    }

    /** One line for the console and the report: name, labels that tell where, the summary. */
    public String line() {
        String summary = annotations.getOrDefault("summary", annotations.getOrDefault("description", ""));
        StringBuilder b = new StringBuilder(name());
        labels.forEach((k, v) -> {
            if (!k.equals("alertname")) {
                b.append(b.length() == name().length() ? " {" : ", ").append(k).append('=').append(v);
            }
        });
        if (b.length() > name().length()) {
            b.append('}');
        }
        return summary.isEmpty() ? b.toString() : b + ": " + summary;
    }
}
