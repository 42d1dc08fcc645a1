package dev.opsdeck.engine.telemetry;

import dev.opsdeck.engine.world.Incident;
import dev.opsdeck.engine.world.World;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The toolset's probes run against the telemetry port: the one place a probe's query is built, its values judged
 * against its threshold and its answer line written. The line carries the values and the query; each value past
 * the threshold adds {@code — anomaly: … (implicates DOMAIN)}, which is how the rules (and a model) read it back.
 */
public final class MetricProbes {

    /** No telemetry configured: every system the world does not know answers as it always did. */
    public static final MetricProbes NONE = new MetricProbes(null, new Toolset(List.of(), Map.of()));

    /** The most a model's free query gets back, so one answer cannot flood its context. */
    static final int QUERY_ANSWER_CHARS = 2000;
    private static final int QUERY_SERIES = 20;
    private static final Pattern ANOMALY = Pattern.compile(" — anomaly: (.+?) \\(implicates (network|storage|web)"
            + "(?:; (the alert's object|another object than the alert's))?(; " + Fault.BEFORE + ")?\\)");
    /** How long before an alert's firing a probe looks, to tell a long-standing fault from a new one. */
    static final Duration BEFORE_THE_ALERT = Duration.ofMinutes(15);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)\\}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:\\-]+");

    private final Telemetry telemetry;
    private final Toolset toolset;

    public MetricProbes(Telemetry telemetry, Toolset toolset) {
        this.telemetry = telemetry;
        this.toolset = toolset;
    }

    public boolean configured() {
        return telemetry != null;
    }

    public Toolset toolset() {
        return toolset;
    }

    /**
     * Whether this incident's evidence comes from Prometheus: telemetry is configured and the system is one the world
     * does not simulate.
     */
    public boolean covers(World world, Incident incident) {
        return configured() && incident.isCustom() && world.system(incident.system()).isEmpty();
    }

    /** The kickoff's last sentence for a system Prometheus covers: which probes each specialist can run. */
    public String kickoffNote(String system) {
        StringBuilder b = new StringBuilder(" Telemetry: ").append(telemetry.name()).append(" covers ").append(system)
                .append("; probes for run_metric_probe:");
        for (String domain : List.of("network", "storage", "web")) {
            List<String> names = toolset.of(domain).stream().map(MetricProbe::name).toList();
            if (!names.isEmpty()) {
                b.append(' ').append(domain).append(" (").append(String.join(", ", names)).append(");");
            }
        }
        return b.append(" query_prometheus runs any instant query.").toString();
    }

    /**
     * A fault a probe line reported: what, which layer it points at, and whose object it is when the alert pinned the
     * probe ({@link #ALERTS}: the object the alert is about; {@link #OTHER}: another one, a separate matter; empty
     * when the alert named nothing this probe can tell apart).
     */
    public record Fault(String what, String implicates, String whose, String probe, boolean longStanding) {
        public static final String ALERTS = "the alert's object";
        public static final String OTHER = "another object than the alert's";
        /** Said of a fault already past its threshold {@link #BEFORE_THE_ALERT} before the alert fired. */
        public static final String BEFORE = "already so 15 minutes before the alert";

        public Fault {
            whose = whose == null ? "" : whose;
            probe = probe == null ? "" : probe;
        }

        public Fault(String what, String implicates) {
            this(what, implicates, "", "", false);
        }

        String tag() {
            return " — anomaly: " + what + " (implicates " + implicates + (whose.isEmpty() ? "" : "; " + whose)
                    + (longStanding ? "; " + BEFORE : "") + ")";
        }
    }

    /** The answer of one probe: its line, the faults in it, and why there was no reading (null when there was). */
    public record Answer(String line, List<Fault> faults, String failure) {
    }

    /** Runs the named probe against {@code host}, with no alert to scope it. */
    public Answer run(String probeName, String host) {
        return run(probeName, host, Map.of());
    }

    /**
     * Runs the named probe against {@code host}. When the alert's labels pin it ({@link MetricProbe#pins}), the
     * alert's object is asked for by name, so nothing the probe leaves out by default hides it, and the rest is
     * asked for as usual; each series and fault says whether it is the alert's. Never throws: an unknown probe or a
     * failed query says so.
     */
    public Answer run(String probeName, String host, Map<String, String> alertLabels) {
        return run(probeName, host, alertLabels, "", "");
    }

    /**
     * As {@link #run(String, String, Map)}; with the alert's expression, a probe that measures what it measures
     * ({@link Toolset#following}) says so in its line; with its firing time ({@code startsAt}), each fault says
     * whether it was already there {@link #BEFORE_THE_ALERT} before (a long-standing fault does not explain a new
     * symptom).
     */
    public Answer run(String probeName, String host, Map<String, String> alertLabels, String alertExpr,
            String startsAt) {
        MetricProbe p = toolset.probe(probeName).orElse(null);
        if (p == null) {
            return new Answer(probeName + ": no such probe in the toolset (it has "
                    + toolset.probes().stream().map(MetricProbe::name).toList() + ")", List.of(), null);
        }
        if (!configured()) {
            return new Answer(probeName + " on " + host + ": no Prometheus configured (--prometheus URL)", List.of(),
                    "no Prometheus configured");
        }
        if (!HOST.matcher(host).matches()) {
            return new Answer(probeName + " on " + host + ": not a host name a query can use", List.of(), null);
        }
        String base = p.query().replace("{host}", host.replace(".", "\\\\."));
        String query = base.replace("{scope}", p.unscoped());
        Map<String, String> pins = p.pins(alertLabels == null ? Map.of() : alertLabels);
        List<Reading.Sample> samples = new ArrayList<>();
        String pinnedQuery = null;
        if (!pins.isEmpty() && base.contains("{scope}")) {
            pinnedQuery = base.replace("{scope}", matchers(pins));
            Reading pinned = telemetry.instant(pinnedQuery);
            if (pinned.failed()) {
                return new Answer(p.name() + " on " + host + ": no reading — " + pinned.failure() + " (query: "
                        + pinnedQuery + ")", List.of(), pinned.failure());
            }
            samples.addAll(pinned.samples());
        }
        Reading r = telemetry.instant(query);
        if (r.failed()) {
            return new Answer(p.name() + " on " + host + ": no reading — " + r.failure() + " (query: " + query + ")",
                    List.of(), r.failure());
        }
        for (Reading.Sample s : r.samples()) {
            if (samples.stream().noneMatch(x -> x.labels().equals(s.labels()))) {
                samples.add(s);
            }
        }
        String scoped = (pins.isEmpty() ? "" : "; scoped by the alert's " + pinsText(pins)
                + (pinnedQuery == null ? "" : ", asked as " + pinnedQuery))
                + (alertExpr != null && !alertExpr.isBlank() && toolset.following(alertExpr).contains(p.name())
                        ? "; measures what the alert's expression measures" : "");
        if (samples.isEmpty()) {
            return new Answer(p.name() + " on " + host + ": no data (query: " + query + scoped + ")", List.of(), null);
        }
        List<String> values = new ArrayList<>();
        List<Fault> faults = new ArrayList<>();
        List<Reading.Sample> before = before(p, samples, startsAt, pinnedQuery, query);
        for (Reading.Sample s : samples) {
            String whose = whose(s, pins);
            values.add(series(s) + (whose.equals(Fault.ALERTS) ? " [the alert's]" : ""));
            if (p.abnormal(s.value())) {
                boolean already = before.stream().anyMatch(b -> b.labels().equals(s.labels()) && p.abnormal(b.value()));
                faults.add(new Fault(fill(p.anomaly(), s, host), p.implicated(), whose, p.name(), already));
            }
        }
        StringBuilder line = new StringBuilder(p.name()).append(" on ").append(host).append(": ")
                .append(String.join(", ", values)).append(" (threshold ").append(p.threshold())
                .append("; query: ").append(query).append(scoped).append(')');
        for (Fault f : faults) {
            line.append(f.tag());
        }
        return new Answer(line.toString(), faults, null);
    }

    /** The probe's series {@link #BEFORE_THE_ALERT} before the alert fired; none when nothing is abnormal now. */
    private List<Reading.Sample> before(MetricProbe p, List<Reading.Sample> now, String startsAt, String pinnedQuery,
            String query) {
        Instant fired = instantOf(startsAt);
        if (fired == null || now.stream().noneMatch(s -> p.abnormal(s.value()))) {
            return List.of();
        }
        Instant then = fired.minus(BEFORE_THE_ALERT);
        List<Reading.Sample> out = new ArrayList<>();
        for (String q : pinnedQuery == null ? List.of(query) : List.of(pinnedQuery, query)) {
            out.addAll(telemetry.instantAt(q, then).samples());
        }
        return out;
    }

    /**
     * Whose a series is: the alert's when it carries a pinned label and agrees on every pinned label it carries;
     * another object's when it disagrees on one; nobody's in particular when it carries none of them.
     */
    private static String whose(Reading.Sample s, Map<String, String> pins) {
        boolean carries = false;
        for (Map.Entry<String, String> pin : pins.entrySet()) {
            String v = s.labels().get(pin.getKey());
            if (v != null) {
                carries = true;
                if (!same(pin.getKey(), v, pin.getValue())) {
                    return Fault.OTHER;
                }
            }
        }
        return carries ? Fault.ALERTS : "";
    }

    /**
     * Whether a series' label names the alert's object. A {@code device} is the same disk whether written
     * {@code /dev/sdb1} (a filesystem's) or {@code sdb} (the disk's): the disk holds the partition.
     */
    private static boolean same(String label, String series, String alert) {
        if (!label.equals("device")) {
            return series.equals(alert);
        }
        String a = series.replaceFirst("^/dev/", "");
        String b = alert.replaceFirst("^/dev/", "");
        return a.equals(b) || (!a.isEmpty() && !b.isEmpty() && (a.startsWith(b) || b.startsWith(a)));
    }

    /** {@code ,mountpoint="/run/x"}: exact matchers, the values escaped as PromQL strings. */
    static String matchers(Map<String, String> pins) {
        StringBuilder b = new StringBuilder();
        pins.forEach((k, v) -> b.append(',').append(k).append("=\"").append(v.replace("\\", "\\\\")
                .replace("\"", "\\\"").replace("\n", "\\n")).append('"'));
        return b.toString();
    }

    private static String pinsText(Map<String, String> pins) {
        StringBuilder b = new StringBuilder();
        pins.forEach((k, v) -> b.append(b.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return b.toString();
    }

    /**
     * The alert's own expression run again, now and at its firing ({@code startsAt}): whether it still holds and with
     * which values. Series come back only while a condition holds, so none now means it no longer does.
     */
    public String alertExpression(String expr, String startsAt) {
        if (!configured()) {
            return "the alert's expression " + expr + " was not re-run: no Prometheus configured (--prometheus URL)";
        }
        Reading now = telemetry.instant(expr);
        String when = telemetry.evaluationTime().map(i -> "at " + i).orElse("now");
        StringBuilder b = new StringBuilder("the alert's expression ").append(expr).append(' ').append(when)
                .append(": ").append(values(now));
        Instant fired = instantOf(startsAt);
        if (fired != null) {
            b.append("; at its firing (").append(startsAt).append("): ")
                    .append(values(telemetry.instantAt(expr, fired)));
        }
        if (!now.failed()) {
            b.append(now.samples().isEmpty() ? " — it no longer holds" : " — it still holds");
        }
        return b.toString();
    }

    private static String values(Reading r) {
        if (r.failed()) {
            return "no reading (" + r.failure() + ")";
        }
        if (r.samples().isEmpty()) {
            return "no series";
        }
        List<String> out = new ArrayList<>();
        for (Reading.Sample s : r.samples().subList(0, Math.min(QUERY_SERIES, r.samples().size()))) {
            out.add(series(s));
        }
        return String.join(", ", out) + (r.samples().size() > QUERY_SERIES ? ", …" : "");
    }

    private static Instant instantOf(String startsAt) {
        try {
            return startsAt == null || startsAt.isBlank() ? null : OffsetDateTime.parse(startsAt).toInstant();
        } catch (DateTimeParseException e) {
            return null; // not RFC 3339: only the value now is told
        }
    }

    /** An instant query's reading as it is; a failed one says why (also when no Prometheus is configured). */
    public Reading instant(String promql) {
        return configured() ? telemetry.instant(promql)
                : Reading.failed("no Prometheus configured (--prometheus URL) to verify with");
    }

    /** A model's own instant query: the series and values, at most 20 of them and 2000 characters. */
    public String query(String promql) {
        if (!configured()) {
            return "no Prometheus configured (--prometheus URL)";
        }
        Reading r = telemetry.instant(promql);
        if (r.failed()) {
            return "no reading — " + r.failure();
        }
        if (r.samples().isEmpty()) {
            return "no data for " + promql;
        }
        StringBuilder b = new StringBuilder(r.samples().size() + " series for " + promql + ":");
        int shown = 0;
        for (Reading.Sample s : r.samples()) {
            if (shown++ == QUERY_SERIES || b.length() > QUERY_ANSWER_CHARS) {
                b.append("\n… ").append(r.samples().size() - shown + 1).append(" more series (narrow the query)");
                break;
            }
            b.append('\n').append(series(s));
        }
        return b.length() > QUERY_ANSWER_CHARS ? b.substring(0, QUERY_ANSWER_CHARS) + " … (truncated)" : b.toString();
    }

    /** The faults a probe line (or several, one a line) reported, read back, each with the probe that said it. */
    public static List<Fault> faults(String lines) {
        List<Fault> out = new ArrayList<>();
        for (String line : (lines == null ? "" : lines).split("\n")) {
            int on = line.indexOf(" on ");
            String probe = on > 0 && line.substring(0, on).matches("[a-z0-9_]+") ? line.substring(0, on) : "";
            Matcher m = ANOMALY.matcher(line);
            while (m.find()) {
                out.add(new Fault(m.group(1), m.group(2), m.group(3), probe, m.group(4) != null));
            }
        }
        return out;
    }

    private static String series(Reading.Sample s) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : s.labels().entrySet()) {
            if (!e.getKey().equals("instance") && !e.getKey().equals("job")) {
                b.append(b.length() == 0 ? "" : ",").append(e.getKey()).append('=').append(e.getValue());
            }
        }
        return (b.length() == 0 ? "" : b + " ") + Numbers.plain(s.value());
    }

    private static String fill(String template, Reading.Sample s, String host) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String v = key.equals("host") ? host : key.equals("value") ? Numbers.plain(s.value())
                    : s.labels().getOrDefault(key, "?");
            m.appendReplacement(b, Matcher.quoteReplacement(v));
        }
        m.appendTail(b);
        return b.toString();
    }
}
