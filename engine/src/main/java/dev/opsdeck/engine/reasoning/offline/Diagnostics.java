package dev.opsdeck.engine.reasoning.offline;

import dev.opsdeck.engine.telemetry.MetricProbes;
import dev.opsdeck.engine.workflow.Envelope;
import dev.opsdeck.engine.world.Incident;
import dev.opsdeck.engine.world.World;
import java.util.ArrayList;
import java.util.List;

/**
 * Which probes a specialist runs for an incident, and on which hosts. Shared by the specialists (who run them) and
 * by RCA and Remediation (who read the same evidence back), so the offline chain stays consistent.
 */
final class Diagnostics {

    /** The three specialist domains, lowest layer first: a fault low in the stack explains symptoms above it. */
    static final List<String> DOMAINS = List.of("network", "storage", "web");

    record Observation(String domain, String tool, String arg, World.Probe probe) {
    }

    private Diagnostics() {
    }

    static List<String[]> probesFor(String domain, World world, Incident incident) {
        List<String[]> calls = new ArrayList<>();
        switch (domain) {
            case "network": {
                String host = incident.system();
                calls.add(new String[] {"ping_host", host});
                calls.add(new String[] {"check_dns", host});
                calls.add(new String[] {"get_network_routes", host});
                break;
            }
            case "storage": {
                String host = storageHost(world, incident);
                calls.add(new String[] {"get_disk_status", host});
                calls.add(new String[] {"get_pool_health", incident.host("pool", "tank")});
                calls.add(new String[] {"get_smart_data", incident.host("disk", "/dev/sda")});
                break;
            }
            default: {
                String host = webHost(world, incident);
                calls.add(new String[] {"get_recent_5xx", host});
                calls.add(new String[] {"get_upstream_latency", host});
                calls.add(new String[] {"get_active_connections", host});
            }
        }
        return calls;
    }

    /**
     * Whether this incident's evidence comes from Prometheus: telemetry is configured and the system is one the world
     * does not simulate.
     */
    static boolean measured(World world, Incident incident, MetricProbes metrics) {
        return metrics.configured() && incident.isCustom() && world.system(incident.system()).isEmpty();
    }

    /**
     * The faults behind each reporting domain's findings: for a measured system, read back from the evidence the
     * specialist posted (the values Prometheus gave then); otherwise from the world, as the specialist saw it.
     */
    static List<Observation> faults(String domain, World world, Incident incident, MetricProbes metrics,
            List<Envelope> transcript) {
        if (!measured(world, incident, metrics)) {
            return observe(domain, world, incident).stream().filter(o -> o.probe().abnormal()).toList();
        }
        List<Observation> out = new ArrayList<>();
        for (Envelope e : transcript) {
            if ("submit_findings".equals(e.tool()) && e.sender().equalsIgnoreCase(domain)) {
                for (MetricProbes.Fault f : MetricProbes.faults(String.valueOf(e.toolArgs().get("evidence")))) {
                    out.add(new Observation(domain, "run_metric_probe", incident.system(),
                            new World.Probe(f.what(), f.what(), f.implicates())));
                }
            }
        }
        return out;
    }

    static List<Observation> observe(String domain, World world, Incident incident) {
        List<Observation> out = new ArrayList<>();
        for (String[] call : probesFor(domain, world, incident)) {
            out.add(new Observation(domain, call[0], call[1], world.probe(incident, call[0], call[1])));
        }
        return out;
    }

    static String storageHost(World world, Incident incident) {
        String domain = world.domainOf(incident.system());
        String fallback = domain.equals("storage") ? incident.system() : world.systems().stream()
                .filter(s -> s.kind().startsWith("storage")).map(World.SystemInfo::id).findFirst()
                .orElse(incident.system());
        return incident.host("storage", fallback);
    }

    static String webHost(World world, Incident incident) {
        String domain = world.domainOf(incident.system());
        if (domain.equals("web") || domain.equals("api")) {
            return incident.system();
        }
        return world.systems().stream().filter(s -> s.kind().startsWith("web")).map(World.SystemInfo::id)
                .findFirst().orElse(incident.system());
    }
}
