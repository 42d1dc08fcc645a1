package dev.opsdeck.engine.reasoning.offline;

import dev.opsdeck.engine.agent.Tools;
import dev.opsdeck.engine.alert.AlertExpression;
import dev.opsdeck.engine.reasoning.offline.Diagnostics.Observation;
import dev.opsdeck.engine.telemetry.MetricProbe;
import dev.opsdeck.engine.telemetry.MetricProbes;
import dev.opsdeck.engine.ticket.Alert;
import dev.opsdeck.engine.workflow.Envelope;
import dev.opsdeck.engine.world.Incident;
import dev.opsdeck.engine.world.World;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the findings say together, read the way an on-call engineer reads them, the alert first:
 * <ol>
 * <li>the alert's own object, when it named one and a probe found it faulty, leads;</li>
 * <li>else the faults of the probes that measure what the alert's expression measures (its symptom confirmed);</li>
 * <li>a fault whose probe {@code explains} the leading ones is their cause, and the root, lowest layer first;
 * unless it was already there before the alert while the symptom was not: then it is a separate matter;</li>
 * <li>faults the root explains are its downstream symptoms; the rest are separate matters, named as such;</li>
 * <li>with no alert to lead (an operator's inject), the layer most faults implicate, the lowest on a tie.</li>
 * </ol>
 */
record Verdict(String root, List<String> rootFacts, List<String> symptoms, List<String> separate,
        List<String> ruledOut, Map<String, List<String>> checked, int supporters, String basis) {

    private static final Pattern PROBE_LINE = Pattern.compile("^([a-z0-9_]+) on [^:]+: (.*)");

    static Verdict of(List<String> domains, World world, Incident incident, MetricProbes metrics,
            List<Envelope> transcript, Alert alert) {
        List<Observation> faults = new ArrayList<>();
        List<String> ruledOut = new ArrayList<>();
        List<String> separate = new ArrayList<>();
        Map<String, List<String>> checked = new LinkedHashMap<>();
        for (String d : domains) {
            checked.put(d, checkedProbes(d, transcript));
            List<Observation> own = new ArrayList<>();
            for (Observation o : Diagnostics.faults(d, world, incident, metrics, transcript)) {
                if (MetricProbes.Fault.OTHER.equals(o.whose())) {
                    separate.add(fact(o));
                } else {
                    own.add(o);
                }
            }
            if (own.isEmpty()) {
                ruledOut.add(d);
            }
            faults.addAll(own);
        }
        if (faults.isEmpty()) {
            return new Verdict(null, List.of(), List.of(), separate, ruledOut, checked, 0, "");
        }
        List<Observation> leading = faults.stream().filter(o -> MetricProbes.Fault.ALERTS.equals(o.whose())).toList();
        String basis = "the alert's object";
        if (leading.isEmpty() && alert != null) {
            Set<String> following = AlertExpression.of(alert.generatorUrl())
                    .map(e -> metrics.toolset().following(e)).orElse(Set.of());
            leading = faults.stream().filter(o -> following.contains(o.metricProbe())).toList();
            basis = "the alert's symptom";
        }
        if (leading.isEmpty()) {
            return voted(faults, separate, ruledOut, checked);
        }
        Set<String> leadingProbes = probes(leading);
        List<Observation> causes = new ArrayList<>();
        List<Observation> older = new ArrayList<>();
        boolean newSymptom = leading.stream().anyMatch(o -> !o.longStanding());
        for (Observation o : faults) {
            if (!leading.contains(o) && explainsAny(metrics, o, leadingProbes)) {
                // A fault that was there long before a new symptom began is not what set it off.
                (newSymptom && o.longStanding() ? older : causes).add(o);
            }
        }
        List<Observation> roots = causes.isEmpty() ? leading : lowestLayer(causes);
        List<Observation> rootAndSymptoms = new ArrayList<>(roots);
        Set<String> rootProbes = probes(roots);
        List<String> symptoms = new ArrayList<>();
        for (Observation o : faults) {
            if (roots.contains(o)) {
                continue;
            }
            if (older.contains(o)) {
                separate.add(fact(o) + " (" + MetricProbes.Fault.BEFORE + ", before the symptom began)");
            } else if (leading.contains(o) || causes.contains(o) || explainsAny(metrics, roots, o)) {
                symptoms.add(fact(o));
                rootAndSymptoms.add(o);
            } else {
                separate.add(fact(o));
            }
        }
        Set<String> supporters = new LinkedHashSet<>();
        rootAndSymptoms.forEach(o -> supporters.add(o.domain()));
        String root = implicated(roots.get(0));
        return new Verdict(root, roots.stream().map(Verdict::fact).toList(), symptoms, separate, ruledOut, checked,
                supporters.size(), causes.isEmpty() ? basis : "a cause of " + basis);
    }

    /** No alert to lead: the layer most faults implicate, the lowest on a tie (it explains the ones above it). */
    private static Verdict voted(List<Observation> faults, List<String> separate, List<String> ruledOut,
            Map<String, List<String>> checked) {
        Map<String, Integer> votes = new LinkedHashMap<>();
        faults.forEach(o -> votes.merge(implicated(o), 1, Integer::sum));
        String root = null;
        for (String d : Diagnostics.DOMAINS) {
            if (votes.containsKey(d) && (root == null || votes.get(d) > votes.get(root))) {
                root = d;
            }
        }
        List<String> rootFacts = new ArrayList<>();
        List<String> symptoms = new ArrayList<>();
        Set<String> supporters = new LinkedHashSet<>();
        for (Observation o : faults) {
            if (implicated(o).equals(root)) {
                rootFacts.add(fact(o));
                supporters.add(o.domain());
            } else {
                symptoms.add(fact(o));
            }
        }
        return new Verdict(root, rootFacts, symptoms, separate, ruledOut, checked, supporters.size(), "");
    }

    private static List<Observation> lowestLayer(List<Observation> causes) {
        for (String d : Diagnostics.DOMAINS) {
            List<Observation> in = causes.stream().filter(o -> implicated(o).equals(d)).toList();
            if (!in.isEmpty()) {
                return in;
            }
        }
        return causes;
    }

    private static boolean explainsAny(MetricProbes metrics, Observation cause, Set<String> effects) {
        MetricProbe p = metrics.toolset().probe(cause.metricProbe()).orElse(null);
        return p != null && p.explains().stream().anyMatch(effects::contains);
    }

    private static boolean explainsAny(MetricProbes metrics, List<Observation> causes, Observation effect) {
        return causes.stream().anyMatch(c -> explainsAny(metrics, c, Set.of(effect.metricProbe())));
    }

    private static Set<String> probes(List<Observation> os) {
        Set<String> out = new LinkedHashSet<>();
        os.forEach(o -> out.add(o.metricProbe()));
        return out;
    }

    private static String fact(Observation o) {
        return o.probe().anomaly().replace("{arg}", o.arg());
    }

    private static String implicated(Observation o) {
        String i = o.probe().implicates();
        return i == null || i.isBlank() ? o.domain() : i;
    }

    /**
     * High when the alert's object or symptom is measured and its cause found, or independent specialists agree, or
     * one is sure and another was ruled out; low on a lone fact nothing else supports.
     */
    String confidence() {
        boolean contested = symptoms.size() * 2 >= rootFacts.size() + symptoms.size();
        if (basis.equals("the alert's object") || basis.startsWith("a cause of")) {
            return "high";
        }
        if (!contested && (supporters >= 2 || (rootFacts.size() >= 2 && !ruledOut.isEmpty()))) {
            return "high";
        }
        return rootFacts.size() >= 2 || !basis.isEmpty() ? "medium" : "low";
    }

    String rootCause(Incident incident) {
        StringBuilder b = new StringBuilder("Root cause is in the ").append(root).append(" layer: ")
                .append(String.join(", ", rootFacts)).append('.');
        if (!symptoms.isEmpty()) {
            b.append(" The other faults (").append(String.join("; ", symptoms)).append(") on ")
                    .append(incident.system()).append(" are downstream symptoms of it.");
        }
        separately(b);
        if (!ruledOut.isEmpty()) {
            b.append(" Ruled out: ").append(ruledOutText()).append('.');
        }
        return b.toString();
    }

    /** The RCA of a diagnosis that found nothing: what was looked at, and that each part was ruled out. */
    String nothingFound(Incident incident) {
        StringBuilder b = new StringBuilder(DiagnosisRules.NO_ROOT_CAUSE + ": no probe on ").append(incident.system())
                .append(" measured a value past its threshold");
        b.append(ruledOut.isEmpty() ? "; no specialist reported" : "; ruled out " + ruledOutText()).append('.');
        separately(b);
        b.append(" The cause lies outside what was measured: look at ").append(incident.system())
                .append("'s own logs and recent changes.");
        return b.toString();
    }

    private void separately(StringBuilder b) {
        if (!separate.isEmpty()) {
            b.append(" Separately, not what the alert is about: ").append(String.join("; ", separate)).append('.');
        }
    }

    /**
     * The layers ruled out, each with its probes' answers; a layer none of whose probes gave a value (no data, no
     * reading) was not measured, and is said to be so rather than ruled out.
     */
    private String ruledOutText() {
        List<String> out = new ArrayList<>();
        List<String> unmeasured = new ArrayList<>();
        for (String d : ruledOut) {
            List<String> names = checked.getOrDefault(d, List.of());
            String part = d + (names.isEmpty() ? " (every probe nominal)" : " (" + String.join(", ", names) + ")");
            (!names.isEmpty() && names.stream().noneMatch(n -> n.endsWith(" nominal")) ? unmeasured : out).add(part);
        }
        String text = String.join(", ", out);
        if (!unmeasured.isEmpty()) {
            text += (text.isEmpty() ? "nothing" : "") + "; not measured: " + String.join(", ", unmeasured);
        }
        return text;
    }

    /** The probes a domain's findings carried, each with what it said: nominal, or no data. */
    private static List<String> checkedProbes(String domain, List<Envelope> transcript) {
        List<String> out = new ArrayList<>();
        for (Envelope e : transcript) {
            if (Tools.SUBMIT_FINDINGS.name().equals(e.tool()) && e.sender().equalsIgnoreCase(domain)) {
                for (String line : String.valueOf(e.toolArgs().get("evidence")).split("\n")) {
                    Matcher m = PROBE_LINE.matcher(line);
                    if (m.find() && !line.contains(" — anomaly: ")) {
                        out.add(m.group(1) + (m.group(2).startsWith("no data") ? " no data"
                                : m.group(2).startsWith("no reading") ? " no reading" : " nominal"));
                    }
                }
            }
        }
        return out;
    }
}
