package dev.opsdeck.engine.reasoning.offline;

import dev.opsdeck.engine.telemetry.MetricProbes;
import dev.opsdeck.engine.ticket.Disruptive;
import dev.opsdeck.engine.world.Incident;
import dev.opsdeck.engine.world.World;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Remediation steps and who owns them: the incident's own steps, else the playbook of the root-cause domain (the
 * toolset's for a system measured by Prometheus, when it has one; the world's otherwise).
 */
final class Playbook {

    private static final Pattern INFRA = Pattern.compile("fail over|failover|restart|reboot");
    private static final Pattern STORAGE = Pattern.compile("scrub|disk|resilver|hot-swap|reseat|\\barc\\b|snapshot");
    private static final Pattern CONFIG = Pattern.compile("timeout|health check|alert");
    private static final Pattern SECONDS = Pattern.compile("(\\d+)s\\b");

    private Playbook() {
    }

    static List<String> steps(World world, Incident incident, String rootDomain, MetricProbes metrics) {
        if (!incident.remediation().isEmpty()) {
            return incident.remediation();
        }
        Map<String, List<String>> playbooks = Diagnostics.measured(world, incident, metrics)
                && metrics.toolset().playbooks().containsKey(rootDomain) ? metrics.toolset().playbooks()
                : world.playbooks();
        List<String> template = playbooks.getOrDefault(rootDomain, List.of(
                "Restart {service} on {system} (disruptive: needs operator sign-off).",
                "Add a health check for {upstream} so unhealthy upstreams are ejected.",
                "Page the owning team of {system} with the findings."));
        List<String> out = new ArrayList<>();
        for (String step : template) {
            out.add(step.replace("{system}", incident.system())
                    .replace("{storage}", Diagnostics.storageHost(world, incident))
                    .replace("{pool}", incident.host("pool", "tank"))
                    .replace("{slot}", incident.host("slot", "1"))
                    .replace("{service}", incident.host("service", "nginx"))
                    .replace("{upstream}", incident.host("upstream", incident.system())));
        }
        return out;
    }

    /**
     * What follows a diagnosis that found no root cause: nothing to repair yet, so the steps say where to look next
     * and who to tell; none is disruptive.
     */
    static List<String> unexplained(Incident incident, String issue) {
        String system = incident.system();
        return List.of(
                "No probe explains " + issue + " on " + system + ": read " + system
                        + "'s own logs and its recent deploys and changes for what the probes cannot see.",
                "Page the owning team of " + system + " with the findings and what was ruled out.");
    }

    static boolean disruptive(String step) {
        return Disruptive.marked(step);
    }

    /** The fixer nickname that owns a step ({@code infra}, {@code storage}, {@code config}), or null for people. */
    static String owner(String step) {
        String s = step.toLowerCase(Locale.ROOT);
        if (INFRA.matcher(s).find()) {
            return "infra";
        }
        if (STORAGE.matcher(s).find()) {
            return "storage";
        }
        if (CONFIG.matcher(s).find()) {
            return "config";
        }
        return null;
    }

    static int seconds(String step, int fallback) {
        Matcher m = SECONDS.matcher(step);
        int found = fallback;
        while (m.find()) {
            found = Integer.parseInt(m.group(1));
        }
        return found;
    }
}
