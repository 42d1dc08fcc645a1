package dev.opsdeck.engine.reasoning.offline;

import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.reasoning.Reasoner;
import dev.opsdeck.engine.reasoning.Reply;
import dev.opsdeck.engine.reasoning.ToolCall;
import dev.opsdeck.engine.reasoning.TurnRequest;
import dev.opsdeck.engine.telemetry.MetricProbes;
import dev.opsdeck.engine.world.Incident;
import dev.opsdeck.engine.world.World;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The offline reasoning: every agent played by deterministic rules over the world data and the transcript, making
 * the tool calls a careful model would. With no model key this is the whole brain; with one, it is the fallback.
 */
public final class OfflineRules implements Reasoner {

    public static final String NAME = "rules";

    private final World world;
    private final MetricProbes metrics;

    public OfflineRules(World world) {
        this(world, MetricProbes.NONE);
    }

    /** With Prometheus probes for the systems the world does not simulate. */
    public OfflineRules(World world, MetricProbes metrics) {
        this.world = world;
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Reply think(TurnRequest req) {
        Incident incident = world.incidentFor(req.ticket().system(), req.ticket().issue());
        Turn turn = new Turn(req);
        switch (req.agent()) {
            case INTAKE_LOOKUP: DiagnosisRules.lookup(turn); break;
            case INTAKE_DECIDE: DiagnosisRules.decide(turn); break;
            case TRIAGE: DiagnosisRules.triage(turn, world, metrics); break;
            case NETWORK: DiagnosisRules.investigate(turn, "network", world, incident, metrics); break;
            case STORAGE: DiagnosisRules.investigate(turn, "storage", world, incident, metrics); break;
            case WEB: DiagnosisRules.investigate(turn, "web", world, incident, metrics); break;
            case RCA: DiagnosisRules.rca(turn, world, incident, metrics); break;
            case REMEDIATION: DiagnosisRules.recommend(turn, world, incident, metrics); break;
            case REM_TRIAGE: RemediationRules.assignFixers(turn); break;
            case INFRA: RemediationRules.review(turn, "infra"); break;
            case STORAGE_FIX: RemediationRules.review(turn, "storage"); break;
            case CONFIG_FIX: RemediationRules.review(turn, "config"); break;
            case RESOLVER: RemediationRules.resolve(turn); break;
            default: throw new IllegalArgumentException(req.agent() + " does not reason");
        }
        return new Reply(turn.calls, turn.body, NAME, null);
    }

    /** One turn being built: the calls made so far through the agent's tool box, and the closing line. */
    static final class Turn {
        final TurnRequest req;
        final List<ToolCall> calls = new ArrayList<>();
        String body = "";

        Turn(TurnRequest req) {
            this.req = req;
        }

        String call(String tool, Object... keyValues) {
            Map<String, Object> args = new LinkedHashMap<>();
            for (int i = 0; i < keyValues.length; i += 2) {
                args.put((String) keyValues[i], keyValues[i + 1]);
            }
            ToolCall c = req.tools().call(tool, args);
            calls.add(c);
            return c.result();
        }

        Agent agent() {
            return req.agent();
        }
    }
}
