package dev.opsdeck.engine.telemetry;

import dev.opsdeck.engine.world.Incident;
import dev.opsdeck.engine.world.World;
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
    private static final Pattern ANOMALY = Pattern.compile(" — anomaly: (.+?) \\(implicates (network|storage|web)\\)");
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

    /** A fault a probe line reported: what, and which layer it points at. */
    public record Fault(String what, String implicates) {
    }

    /** The answer of one probe: its line, the faults in it, and why there was no reading (null when there was). */
    public record Answer(String line, List<Fault> faults, String failure) {
    }

    /** Runs the named probe against {@code host}. Never throws: an unknown probe or a failed query says so. */
    public Answer run(String probeName, String host) {
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
        String query = p.query().replace("{host}", host.replace(".", "\\\\."));
        Reading r = telemetry.instant(query);
        if (r.failed()) {
            return new Answer(p.name() + " on " + host + ": no reading — " + r.failure() + " (query: " + query + ")",
                    List.of(), r.failure());
        }
        if (r.samples().isEmpty()) {
            return new Answer(p.name() + " on " + host + ": no data (query: " + query + ")", List.of(), null);
        }
        List<String> values = new ArrayList<>();
        List<Fault> faults = new ArrayList<>();
        for (Reading.Sample s : r.samples()) {
            values.add(series(s));
            if (p.abnormal(s.value())) {
                faults.add(new Fault(fill(p.anomaly(), s, host), p.implicated()));
            }
        }
        StringBuilder line = new StringBuilder(p.name()).append(" on ").append(host).append(": ")
                .append(String.join(", ", values)).append(" (threshold ").append(p.threshold())
                .append("; query: ").append(query).append(')');
        for (Fault f : faults) {
            line.append(" — anomaly: ").append(f.what()).append(" (implicates ").append(f.implicates()).append(')');
        }
        return new Answer(line.toString(), faults, null);
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

    /** The faults a probe line (or several, one a line) reported, read back. */
    public static List<Fault> faults(String lines) {
        List<Fault> out = new ArrayList<>();
        Matcher m = ANOMALY.matcher(lines == null ? "" : lines);
        while (m.find()) {
            out.add(new Fault(m.group(1), m.group(2)));
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
