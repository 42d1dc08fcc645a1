package dev.opsdeck.engine.reasoning.offline;

import dev.opsdeck.engine.agent.Tools;
import dev.opsdeck.engine.alert.AlertExpression;
import dev.opsdeck.engine.reasoning.offline.Diagnostics.Observation;
import dev.opsdeck.engine.reasoning.offline.OfflineRules.Turn;
import dev.opsdeck.engine.telemetry.MetricProbe;
import dev.opsdeck.engine.telemetry.MetricProbes;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Envelope;
import dev.opsdeck.engine.world.Incident;
import dev.opsdeck.engine.world.World;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The diagnosis agents' rules. */
final class DiagnosisRules {

    /** How an RCA that found nothing begins, so what follows it can tell. */
    static final String NO_ROOT_CAUSE = "No root cause found";
    private static final Pattern FOUND = Pattern.compile("Found 1 recent ticket: (INC-\\d+)");
    private static final Map<String, Pattern> SIGNALS = Map.of(
            "network", Pattern.compile("network|unreachable|no route|route|dns|packet|connect\\(\\)|link down|link is down"),
            "storage", Pattern.compile("storage|disk|i/o|io_error|zfs|pool|latency|slow backend|scrub|nfs|vdev"
                    + "|filesystem|read-only|readonly"),
            "web", Pattern.compile("\\b5xx\\b|\\b50[234]\\b|http|upstream|nginx|gateway|\\bweb\\b"));

    private DiagnosisRules() {
    }

    static void lookup(Turn t) {
        Ticket ticket = t.req.ticket();
        String result = t.call(Tools.LIST_RECENT_TICKETS.name(), "system", ticket.system(), "issue_type", ticket.issue(),
                "lookback_minutes", 15);
        t.body = "Lookup for " + ticket.issue() + " on " + ticket.system() + ": " + result;
    }

    static void decide(Turn t) {
        String lookup = lastLine(t.req.transcript(), "IntakeLookup");
        Matcher m = FOUND.matcher(lookup);
        if (m.find()) {
            String parent = m.group(1);
            t.call(Tools.MARK_AS_DUPLICATE.name(), "parent_ticket_id", parent, "reason",
                    "same system and issue type as " + parent + ", opened within the last 15 minutes");
            t.body = "Duplicate of " + parent + ": same system and issue within 15 min.";
        } else {
            t.call(Tools.PROCEED_TO_TRIAGE.name(), "reason", "no recent ticket for this system and issue type");
            t.body = "No recent ticket for this system and issue: proceeding to triage.";
        }
    }

    static void triage(Turn t, World world, MetricProbes metrics) {
        Ticket ticket = t.req.ticket();
        String kickoff = firstText(t.req.transcript());
        String check = "";
        if (metrics.configured() && ticket.alert() != null
                && AlertExpression.of(ticket.alert().generatorUrl()).isPresent()) {
            // The alert's own condition first: whether it still holds, and on what, is the first evidence.
            check = " " + t.call(Tools.CHECK_ALERT_EXPRESSION.name());
        }
        int telemetry = kickoff.indexOf(" Telemetry: "); // the probe catalogue names every domain: no signal
        String signals = ((telemetry < 0 ? kickoff : kickoff.substring(0, telemetry)) + " " + ticket.issue())
                .toLowerCase(Locale.ROOT);
        String domain = world.domainOf(ticket.system());
        List<String> picked = new ArrayList<>();
        for (String d : Diagnostics.DOMAINS) {
            boolean byKind = d.equals("web") ? domain.equals("web") || domain.equals("api")
                    : d.equals("storage") && (domain.equals("storage") || domain.equals("db"));
            if (byKind || SIGNALS.get(d).matcher(signals).find()) {
                picked.add(d);
            }
        }
        String reason = "signals in the report point at " + String.join(", ", picked);
        if (!picked.isEmpty() && metrics.covers(world, world.incidentFor(ticket.system(), ticket.issue()))
                && picked.size() < Diagnostics.DOMAINS.size()) {
            // Probes against Prometheus are cheap, and a fault a layer below the signal is what would explain it:
            // every specialist measures, so the RCA can rule the other layers out rather than leave them unlooked.
            reason += "; Prometheus covers " + ticket.system() + ", so every specialist measures to rule the others "
                    + "in or out";
            picked.clear();
            picked.addAll(Diagnostics.DOMAINS);
        }
        if (picked.isEmpty()) {
            picked.addAll(Diagnostics.DOMAINS);
            reason = "no clear signal in the report: every specialist looks";
        }
        t.call(Tools.ASSIGN_SPECIALISTS.name(), "specialists", picked, "reason", reason);
        t.body = "Assigning " + String.join(", ", picked) + ": " + reason + "." + (check.isEmpty() ? ""
                : " Checked first:" + check + ".");
    }

    static void investigate(Turn t, String domain, World world, Incident incident, MetricProbes metrics) {
        List<String> outputs = new ArrayList<>();
        List<String> faults = new ArrayList<>();
        Set<String> hosts = new LinkedHashSet<>();
        if (Diagnostics.measured(world, incident, metrics)) {
            hosts.add(incident.system());
            for (MetricProbe p : metrics.toolset().of(domain)) {
                String line = t.call(Tools.RUN_METRIC_PROBE.name(), "probe", p.name(), "host", incident.system());
                outputs.add(line);
                MetricProbes.faults(line).forEach(f -> faults.add(f.what()));
            }
            if (outputs.isEmpty()) {
                outputs.add("the toolset has no " + domain + " probe");
            }
        } else {
            for (Observation o : Diagnostics.observe(domain, world, incident)) {
                outputs.add(t.call(o.tool(), argName(o.tool()), o.arg()));
                hosts.add(o.arg());
                if (o.probe().abnormal()) {
                    faults.add(o.probe().anomaly().replace("{arg}", o.arg()));
                }
            }
        }
        String summary = faults.isEmpty()
                ? "No " + domain + " fault on " + String.join(", ", hosts) + ": every probe nominal."
                : capital(domain) + " fault: " + String.join("; ", faults) + ".";
        t.call(Tools.SUBMIT_FINDINGS.name(), "summary", summary, "evidence", String.join("\n", outputs));
        t.body = "Findings: " + summary;
    }

    static void rca(Turn t, World world, Incident incident, MetricProbes metrics) {
        Verdict v = Verdict.of(reportingDomains(t.req.transcript()), world, incident, metrics, t.req.transcript());
        // Even with nothing found the ticket gets an RCA: what was looked at and ruled out is knowledge too.
        String rootCause = v.root() == null ? v.nothingFound(incident) : v.rootCause(incident);
        t.call(Tools.SUBMIT_RCA.name(), "root_cause", rootCause, "confidence", v.root() == null ? "low" : v.confidence());
        t.body = rootCause;
    }

    static void recommend(Turn t, World world, Incident incident, MetricProbes metrics) {
        Verdict v = Verdict.of(reportingDomains(t.req.transcript()), world, incident, metrics, t.req.transcript());
        List<String> steps = v.root() == null ? Playbook.unexplained(incident, t.req.ticket().issue())
                : Playbook.steps(world, incident, v.root(), metrics);
        t.call(Tools.POST_RECOMMENDATIONS.name(), "steps", steps);
        int disruptive = 0;
        for (int i = 0; i < steps.size(); i++) {
            if (Playbook.disruptive(steps.get(i))) {
                disruptive = i + 1;
                break;
            }
        }
        t.body = "Posted " + steps.size() + " steps" + (disruptive > 0
                ? "; step " + disruptive + " is disruptive and needs operator sign-off." : ".");
    }

    /** The domains whose specialists posted findings, in layer order. */
    static List<String> reportingDomains(List<Envelope> transcript) {
        Set<String> reported = new LinkedHashSet<>();
        for (Envelope e : transcript) {
            if (Tools.SUBMIT_FINDINGS.name().equals(e.tool())) {
                reported.add(e.sender().toLowerCase(Locale.ROOT));
            }
        }
        List<String> out = new ArrayList<>();
        for (String d : Diagnostics.DOMAINS) {
            if (reported.contains(d)) {
                out.add(d);
            }
        }
        return out;
    }

    /** A simulated probe's one argument, as its declaration names it ({@code host}, {@code pool}, {@code disk}). */
    private static String argName(String tool) {
        return Diagnostics.DOMAINS.stream().flatMap(d -> Diagnostics.specialist(d).tool(tool).stream())
                .map(spec -> spec.params().get(0).name()).findFirst().orElse("host");
    }

    static String lastLine(List<Envelope> transcript, String sender) {
        String line = "";
        for (Envelope e : transcript) {
            if (e.sender().equals(sender)) {
                line = e.line();
            }
        }
        return line;
    }

    private static String firstText(List<Envelope> transcript) {
        return transcript.stream().filter(e -> !e.isPacket()).map(Envelope::line).findFirst().orElse("");
    }

    static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * What the findings say together: the domain most of the faults implicate (the alert's own object's, when the
     * alert named one and it is faulty), how well they agree, and the faults of other objects, told apart.
     */
    record Verdict(String root, List<String> rootFacts, List<String> symptoms, List<String> separate,
            List<String> ruledOut, Map<String, List<String>> checked, int supporters, boolean alertsObject) {

        static Verdict of(List<String> domains, World world, Incident incident, MetricProbes metrics,
                List<Envelope> transcript) {
            Map<String, Integer> votes = new LinkedHashMap<>();
            List<Observation> faults = new ArrayList<>();
            List<String> ruledOut = new ArrayList<>();
            List<String> separate = new ArrayList<>();
            Map<String, List<String>> checked = new LinkedHashMap<>();
            for (String d : domains) {
                List<Observation> found = Diagnostics.faults(d, world, incident, metrics, transcript);
                checked.put(d, checkedProbes(d, transcript));
                List<Observation> own = new ArrayList<>();
                for (Observation o : found) {
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
            boolean alertsObject = faults.stream().anyMatch(o -> MetricProbes.Fault.ALERTS.equals(o.whose()));
            for (Observation o : faults) {
                // The object the alert is about outweighs anything seen beside it.
                if (!alertsObject || MetricProbes.Fault.ALERTS.equals(o.whose())) {
                    votes.merge(implicated(o), 1, Integer::sum);
                }
            }
            if (faults.isEmpty()) {
                return new Verdict(null, List.of(), List.of(), separate, ruledOut, checked, 0, false);
            }
            String root = null;
            for (String d : Diagnostics.DOMAINS) {
                if (votes.containsKey(d) && (root == null || votes.get(d) > votes.get(root))) {
                    root = d;
                }
            }
            List<String> rootFacts = new ArrayList<>();
            List<String> besideAlerts = new ArrayList<>();
            List<String> symptoms = new ArrayList<>();
            Set<String> supporters = new LinkedHashSet<>();
            for (Observation o : faults) {
                if (implicated(o).equals(root)) {
                    // The alert's object leads the sentence.
                    (MetricProbes.Fault.ALERTS.equals(o.whose()) ? rootFacts : besideAlerts).add(fact(o));
                    supporters.add(o.domain());
                } else {
                    symptoms.add(fact(o));
                }
            }
            rootFacts.addAll(besideAlerts);
            return new Verdict(root, rootFacts, symptoms, separate, ruledOut, checked, supporters.size(), alertsObject);
        }

        private static String fact(Observation o) {
            return o.probe().anomaly().replace("{arg}", o.arg());
        }

        private static String implicated(Observation o) {
            String i = o.probe().implicates();
            return i == null || i.isBlank() ? o.domain() : i;
        }

        /** High when independent specialists agree, or one is sure and another was ruled out; low on a lone fact. */
        String confidence() {
            boolean contested = symptoms.size() * 2 >= rootFacts.size() + symptoms.size();
            if (alertsObject && !contested) {
                return "high"; // the alert named the object and a probe measured it past its threshold
            }
            if (!contested && (supporters >= 2 || (rootFacts.size() >= 2 && !ruledOut.isEmpty()))) {
                return "high";
            }
            return rootFacts.size() >= 2 || alertsObject ? "medium" : "low";
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
            StringBuilder b = new StringBuilder(NO_ROOT_CAUSE + ": no probe on ").append(incident.system())
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

        private String ruledOutText() {
            List<String> parts = new ArrayList<>();
            for (String d : ruledOut) {
                List<String> names = checked.getOrDefault(d, List.of());
                parts.add(d + (names.isEmpty() ? " (every probe nominal)" : " (" + String.join(", ", names) + ")"));
            }
            return String.join(", ", parts);
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

    private static final Pattern PROBE_LINE = Pattern.compile("^([a-z0-9_]+) on [^:]+: (.*)");
}
