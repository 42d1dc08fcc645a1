package dev.opsdeck.engine.agent;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every participant of both stages. A seeder posts a kickoff text and nothing else; the operator posts the
 * sign-off text; every other agent reasons through the engine's reasoning port with only its own tools, and its
 * routing tools are the ones the stage's graph routes on.
 */
public enum Agent {
    TICKET_BOT("TicketBot", "TB", Kind.SEEDER, List.of(), List.of()),
    INTAKE_LOOKUP("IntakeLookup", "IL", Kind.MODEL, List.of(), List.of(Tools.LIST_RECENT_TICKETS)),
    INTAKE_DECIDE("IntakeDecide", "ID", Kind.MODEL, List.of(),
            List.of(Tools.PROCEED_TO_TRIAGE, Tools.MARK_AS_DUPLICATE)),
    TRIAGE("Triage", "Tr", Kind.MODEL, List.of(Tools.CHECK_ALERT_EXPRESSION), List.of(Tools.ASSIGN_SPECIALISTS)),
    NETWORK("Network", "Net", Kind.MODEL, List.of(Tools.PING_HOST, Tools.CHECK_DNS, Tools.GET_NETWORK_ROUTES,
            Tools.RUN_METRIC_PROBE, Tools.QUERY_PROMETHEUS), List.of(Tools.SUBMIT_FINDINGS)),
    STORAGE("Storage", "Sto", Kind.MODEL, List.of(Tools.GET_DISK_STATUS, Tools.GET_POOL_HEALTH, Tools.GET_SMART_DATA,
            Tools.RUN_METRIC_PROBE, Tools.QUERY_PROMETHEUS), List.of(Tools.SUBMIT_FINDINGS)),
    WEB("Web", "Web", Kind.MODEL, List.of(Tools.GET_RECENT_5XX, Tools.GET_UPSTREAM_LATENCY,
            Tools.GET_ACTIVE_CONNECTIONS, Tools.RUN_METRIC_PROBE, Tools.QUERY_PROMETHEUS), List.of(Tools.SUBMIT_FINDINGS)),
    RCA("RCA", "RCA", Kind.MODEL, List.of(), List.of(Tools.SUBMIT_RCA)),
    REMEDIATION("Remediation", "Rem", Kind.MODEL, List.of(Tools.LIST_RUNBOOK_ACTIONS),
            List.of(Tools.POST_RECOMMENDATIONS)),

    REM_BOT("RemBot", "RB", Kind.SEEDER, List.of(), List.of()),
    REM_TRIAGE("RemTriage", "RT", Kind.MODEL, List.of(), List.of(Tools.ASSIGN_FIXERS)),
    INFRA("Infra", "Inf", Kind.MODEL, List.of(), List.of(Tools.SUBMIT_FIX)),
    STORAGE_FIX("StorageFix", "SF", Kind.MODEL, List.of(), List.of(Tools.SUBMIT_FIX)),
    CONFIG_FIX("ConfigFix", "Cfg", Kind.MODEL, List.of(), List.of(Tools.SUBMIT_FIX)),
    HUMAN("Human", "Hum", Kind.OPERATOR, List.of(), List.of()),
    /** The engine itself: proposes runbook actions, runs the approved ones and verifies them. Never a reasoner. */
    RUNNER("Runner", "Run", Kind.ENGINE, List.of(),
            List.of(Tools.PROPOSE_ACTIONS, Tools.RUN_ACTION, Tools.FINISH_ACTIONS)),
    RESOLVER("Resolver", "Res", Kind.MODEL, List.of(), List.of(Tools.CLOSE_TICKET));

    /** How an agent takes its turn. */
    public enum Kind { SEEDER, MODEL, OPERATOR, ENGINE }

    private final String displayName;
    private final String tag;
    private final Kind kind;
    private final List<ToolSpec> probes;
    private final List<ToolSpec> routing;
    // Both, and by name: every tool call of every turn looks its tool up here (twice: to check it, to run it).
    private final List<ToolSpec> tools;
    private final Map<String, ToolSpec> byName = new HashMap<>();

    Agent(String displayName, String tag, Kind kind, List<ToolSpec> probes, List<ToolSpec> routing) {
        this.displayName = displayName;
        this.tag = tag;
        this.kind = kind;
        this.probes = probes;
        this.routing = routing;
        this.tools = java.util.stream.Stream.concat(probes.stream(), routing.stream()).toList();
        for (ToolSpec t : tools) {
            byName.putIfAbsent(t.name(), t);
        }
    }

    public String displayName() {
        return displayName;
    }

    /** A two-or-three letter tag, for a collapsed view of the pipeline. */
    public String tag() {
        return tag;
    }

    public Kind kind() {
        return kind;
    }

    /** Tools whose results the agent reads before it decides; they never route. */
    public List<ToolSpec> probes() {
        return probes;
    }

    /** Tools whose call ends the agent's turn and that the graph routes on. */
    public List<ToolSpec> routing() {
        return routing;
    }

    /** Every tool the agent holds: nothing else is ever declared to it. */
    public List<ToolSpec> tools() {
        return tools;
    }

    public Optional<ToolSpec> tool(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    public boolean routesWith(String toolName) {
        return routing.stream().anyMatch(t -> t.name().equals(toolName));
    }

    public static Optional<Agent> byName(String displayName) {
        for (Agent a : values()) {
            if (a.displayName.equals(displayName)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
