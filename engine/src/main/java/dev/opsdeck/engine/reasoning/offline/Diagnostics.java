package dev.opsdeck.engine.reasoning.offline;

import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.agent.ToolSpec;
import dev.opsdeck.engine.agent.Tools;
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

    /** The specialist of a domain. */
    static Agent specialist(String domain) {
        switch (domain) {
            case "network": return Agent.NETWORK;
            case "storage": return Agent.STORAGE;
            default: return Agent.WEB;
        }
    }

    /** One probe's answer as the rules weigh it; {@code whose} as {@link MetricProbes.Fault#whose()} says. */
    record Observation(String domain, String tool, String arg, World.Probe probe, String whose, String metricProbe,
            boolean longStanding) {
        Observation(String domain, String tool, String arg, World.Probe probe) {
            this(domain, tool, arg, probe, "", "", false);
        }
    }

    private Diagnostics() {
    }

    /** One simulated probe a specialist runs: the tool, and the host, pool or disk it asks about. */
    record Call(ToolSpec tool, String arg) {
    }

    static List<Call> probesFor(String domain, World world, Incident incident) {
        switch (domain) {
            case "network": {
                String host = incident.system();
                return List.of(new Call(Tools.PING_HOST, host), new Call(Tools.CHECK_DNS, host),
                        new Call(Tools.GET_NETWORK_ROUTES, host));
            }
            case "storage":
                return List.of(new Call(Tools.GET_DISK_STATUS, storageHost(world, incident)),
                        new Call(Tools.GET_POOL_HEALTH, incident.host("pool", "tank")),
                        new Call(Tools.GET_SMART_DATA, incident.host("disk", "/dev/sda")));
            default: {
                String host = webHost(world, incident);
                return List.of(new Call(Tools.GET_RECENT_5XX, host), new Call(Tools.GET_UPSTREAM_LATENCY, host),
                        new Call(Tools.GET_ACTIVE_CONNECTIONS, host));
            }
        }
    }

    /**
     * Whether this incident's evidence comes from Prometheus: telemetry is configured and the system is one the world
     * does not simulate.
     */
    static boolean measured(World world, Incident incident, MetricProbes metrics) {
        return metrics.covers(world, incident);
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
            if (Tools.SUBMIT_FINDINGS.name().equals(e.tool()) && e.sender().equalsIgnoreCase(domain)) {
                for (MetricProbes.Fault f : MetricProbes.faults(String.valueOf(e.toolArgs().get("evidence")))) {
                    out.add(new Observation(domain, Tools.RUN_METRIC_PROBE.name(), incident.system(),
                            new World.Probe(f.what(), f.what(), f.implicates()), f.whose(), f.probe(),
                            f.longStanding()));
                }
            }
        }
        return out;
    }

    static List<Observation> observe(String domain, World world, Incident incident) {
        List<Observation> out = new ArrayList<>();
        for (Call call : probesFor(domain, world, incident)) {
            out.add(new Observation(domain, call.tool().name(), call.arg(),
                    world.probe(incident, call.tool().name(), call.arg())));
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
