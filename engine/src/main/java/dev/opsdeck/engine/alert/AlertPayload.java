package dev.opsdeck.engine.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.engine.Json;
import dev.opsdeck.engine.ticket.Alert;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one webhook delivery, Alertmanager's (version 4) or Grafana alerting's (the same shape plus its own fields),
 * into notices. The whole delivery is checked before anything is returned, so a bad one is refused whole with the
 * first reason found, one line, naming the field ({@code alerts[3].labels.alertname}).
 */
public final class AlertPayload {

    /** Who sent a delivery: the hook's path says. */
    public enum Source {
        ALERTMANAGER("alertmanager"), GRAFANA("grafana");

        private final String wire;

        Source(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    private static final List<String> GRAFANA_LINKS = List.of("dashboardURL", "panelURL", "silenceURL");

    /**
     * The longest annotation kept whole; a longer one (a runbook pasted in) is cut, saying so. An alert's text rides in
     * every event about its ticket, to every client, so it is bounded like a custom incident's description.
     */
    public static final int MAX_ANNOTATION_CHARS = 4000;
    /** All of one alert's text (labels, annotations once cut, links, fingerprint): past it the delivery is refused. */
    public static final int MAX_ALERT_CHARS = 16_000;

    /** A key given twice is refused, as on /ws: which one would win is a guess, and the two may disagree. */
    private static final com.fasterxml.jackson.databind.ObjectReader READER = Json.MAPPER.reader()
            .with(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private AlertPayload() {
    }

    /** @throws BadPayload if it is not JSON or a required field is missing or of the wrong kind */
    public static List<AlertNotice> parse(String body, Source source) {
        JsonNode root;
        try {
            root = READER.readTree(body);
        } catch (JsonProcessingException e) {
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")) {
                throw new BadPayload(path(e) + " is given twice: give each key once");
            }
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new BadPayload("not JSON: " + firstLine(e.getOriginalMessage())
                    .replaceAll("\\[Source: .*?; line: (\\d+), column: (\\d+)\\]", "line $1, column $2") + where);
        }
        if (root == null || !root.isObject()) {
            throw new BadPayload("not a webhook payload: expected a JSON object with \"alerts\"");
        }
        if (source == Source.ALERTMANAGER && root.has("version") && !"4".equals(root.get("version").asText())) {
            throw new BadPayload("version " + root.get("version") + " is not understood: Alertmanager sends \"4\"");
        }
        text(root, "status", "status");
        JsonNode alerts = root.get("alerts");
        if (alerts == null || !alerts.isArray()) {
            throw new BadPayload("alerts: required, a list of alerts");
        }
        Map<String, String> common = strings(root.get("commonLabels"), "commonLabels", false);
        Map<String, String> commonAnnotations = strings(root.get("commonAnnotations"), "commonAnnotations", false);
        List<AlertNotice> out = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            out.add(notice(alerts.get(i), "alerts[" + i + "]", source, common, commonAnnotations));
        }
        return out;
    }

    private static AlertNotice notice(JsonNode a, String where, Source source, Map<String, String> commonLabels,
            Map<String, String> commonAnnotations) {
        if (a == null || !a.isObject()) {
            throw new BadPayload(where + ": must be an object");
        }
        String status = text(a, "status", where + ".status");
        if (!status.equals("firing") && !status.equals("resolved")) {
            throw new BadPayload(where + ".status: must be \"firing\" or \"resolved\", got \"" + status + "\"");
        }
        Map<String, String> labels = new LinkedHashMap<>(commonLabels);
        labels.putAll(strings(a.get("labels"), where + ".labels", true));
        if (labels.getOrDefault("alertname", "").isBlank()) {
            throw new BadPayload(where + ".labels.alertname: required");
        }
        Map<String, String> annotations = new LinkedHashMap<>(commonAnnotations);
        annotations.putAll(strings(a.get("annotations"), where + ".annotations", false));
        annotations.replaceAll((k, v) -> v.length() <= MAX_ANNOTATION_CHARS ? v
                : v.substring(0, MAX_ANNOTATION_CHARS) + " … (cut by OpsDeck: " + v.length() + " characters)");
        String system = AlertMapping.system(labels);
        AlertLimits.check(where, labels, system);
        String fingerprint = text(a, "fingerprint", where + ".fingerprint");
        String startsAt = optionalText(a, "startsAt", where);
        String endsAt = optionalText(a, "endsAt", where);
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> links = new LinkedHashMap<>();
        if (source == Source.GRAFANA) {
            JsonNode v = a.get("values");
            if (v != null && !v.isNull()) {
                if (!v.isObject()) {
                    throw new BadPayload(where + ".values: must be an object of numbers");
                }
                v.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().isNumber()
                        ? e.getValue().numberValue() : e.getValue().asText()));
            }
            for (String link : GRAFANA_LINKS) {
                String url = optionalText(a, link, where);
                if (!url.isEmpty()) {
                    links.put(link, url);
                }
            }
        }
        String generatorUrl = optionalText(a, "generatorURL", where);
        long size = fingerprint.length() + generatorUrl.length() + startsAt.length() + endsAt.length()
                + chars(labels) + chars(annotations) + chars(links) + values.toString().length();
        if (size > MAX_ALERT_CHARS) {
            throw new BadPayload(where + ": " + size + " characters of labels, annotations and links, over the limit of "
                    + MAX_ALERT_CHARS + " (annotations over " + MAX_ANNOTATION_CHARS + " are cut; put a runbook in a link)");
        }
        Alert alert = new Alert(source.wire(), fingerprint, labels, annotations, generatorUrl, startsAt, values, links);
        boolean firing = status.equals("firing");
        return new AlertNotice(firing, system, AlertMapping.issue(labels.get("alertname")),
                AlertMapping.sev(labels.get("severity")), AlertMapping.description(annotations), alert,
                firing ? "" : endsAt);
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new BadPayload(where + ": required");
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new BadPayload(where + ": must be a non-empty string");
        }
        return v.asText();
    }

    private static String optionalText(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return "";
        }
        if (!v.isTextual()) {
            throw new BadPayload(where + "." + field + ": must be a string");
        }
        return v.asText();
    }

    private static Map<String, String> strings(JsonNode node, String where, boolean required) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            if (required) {
                throw new BadPayload(where + ": required");
            }
            return out;
        }
        if (!node.isObject()) {
            throw new BadPayload(where + ": must be an object of strings");
        }
        var fields = node.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            if (!e.getValue().isTextual()) {
                throw new BadPayload(where + "." + e.getKey() + ": must be a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private static long chars(Map<String, ?> m) {
        long n = 0;
        for (Map.Entry<String, ?> e : m.entrySet()) {
            n += e.getKey().length() + String.valueOf(e.getValue()).length();
        }
        return n;
    }

    /** Where the parser stood: {@code alerts[0].labels.instance}, from its pointer {@code /alerts/0/labels/instance}. */
    private static String path(JsonProcessingException e) {
        String field = e.getOriginalMessage().replaceFirst("^Duplicate field '(.*)'.*$", "$1");
        if (!(e.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser parser)) {
            return "the key '" + field + "'";
        }
        StringBuilder out = new StringBuilder();
        for (String step : parser.getParsingContext().pathAsPointer().toString().split("/")) {
            if (step.isEmpty()) {
                continue;
            }
            String unescaped = step.replace("~1", "/").replace("~0", "~");
            if (unescaped.matches("\\d+")) {
                out.append('[').append(unescaped).append(']');
            } else {
                out.append(out.length() == 0 ? "" : ".").append(unescaped);
            }
        }
        return out.length() == 0 ? "the key '" + field + "'" : out.toString();
    }

    private static String firstLine(String message) {
        String m = message == null ? "unreadable" : message;
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
