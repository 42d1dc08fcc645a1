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
    static final String NO_ROOT_CAUSE = Ticket.NO_ROOT_CAUSE;
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
        Verdict v = Verdict.of(reportingDomains(t.req.transcript()), world, incident, metrics, t.req.transcript(),
                t.req.ticket().alert());
        // Even with nothing found the ticket gets an RCA: what was looked at and ruled out is knowledge too.
        String rootCause = v.root() == null ? v.nothingFound(incident) : v.rootCause(incident);
        t.call(Tools.SUBMIT_RCA.name(), "root_cause", rootCause, "confidence", v.root() == null ? "low" : v.confidence());
        t.body = rootCause;
    }

    static void recommend(Turn t, World world, Incident incident, MetricProbes metrics) {
        Verdict v = Verdict.of(reportingDomains(t.req.transcript()), world, incident, metrics, t.req.transcript(),
                t.req.ticket().alert());
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

}
