package dev.opsdeck.engine.workflow;

import static dev.opsdeck.engine.agent.Agent.CONFIG_FIX;
import static dev.opsdeck.engine.agent.Agent.HUMAN;
import static dev.opsdeck.engine.agent.Agent.INFRA;
import static dev.opsdeck.engine.agent.Agent.INTAKE_DECIDE;
import static dev.opsdeck.engine.agent.Agent.INTAKE_LOOKUP;
import static dev.opsdeck.engine.agent.Agent.NETWORK;
import static dev.opsdeck.engine.agent.Agent.RCA;
import static dev.opsdeck.engine.agent.Agent.REM_BOT;
import static dev.opsdeck.engine.agent.Agent.REM_TRIAGE;
import static dev.opsdeck.engine.agent.Agent.RESOLVER;
import static dev.opsdeck.engine.agent.Agent.RUNNER;
import static dev.opsdeck.engine.agent.Agent.STORAGE;
import static dev.opsdeck.engine.agent.Agent.STORAGE_FIX;
import static dev.opsdeck.engine.agent.Agent.TICKET_BOT;
import static dev.opsdeck.engine.agent.Agent.TRIAGE;
import static dev.opsdeck.engine.agent.Agent.WEB;

import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.agent.Tools;
import dev.opsdeck.engine.workflow.Graph.Rule;
import dev.opsdeck.engine.workflow.Graph.Target.Band;
import dev.opsdeck.engine.workflow.Graph.Target.Next;
import dev.opsdeck.engine.workflow.Graph.Target.Terminate;
import dev.opsdeck.engine.workflow.Graph.When.SpeakerIs;
import dev.opsdeck.engine.workflow.Graph.When.ToolCalled;
import java.util.List;
import java.util.Map;

/**
 * The two production graphs, rule for rule as the original pipeline wired them, except that remediation now runs
 * what it decides: the Runner proposes runbook actions before the fixers and the operator decide, runs the approved
 * ones after the band joins, and only then does the Resolver close.
 */
public final class Graphs {

    public static final String NO_MATCH = "no_match";
    public static final String DUPLICATE = "duplicate";
    public static final String REMEDIATION_RECOMMENDED = "remediation_recommended";
    public static final String RESOLVED = "resolved";
    public static final String MAX_TURNS = "max_turns";
    public static final String WORKFLOW_TERMINATED = "workflow_terminated";
    /** (ext) A remediation round the operator answered with feedback: the next round proposes again. */
    public static final String CHANGES_REQUESTED = "changes_requested";
    /** (ext) A remediation round the operator overrode with another runbook action: the next round shows it. */
    public static final String OVERRIDDEN = "overridden";

    public static final Graph DIAGNOSIS = new Graph(TICKET_BOT,
            List.of(TICKET_BOT, INTAKE_LOOKUP, INTAKE_DECIDE, TRIAGE, NETWORK, STORAGE, WEB, RCA, Agent.REMEDIATION),
            List.of(
                    new Rule(new ToolCalled(Tools.LIST_RECENT_TICKETS.name()), new Next(INTAKE_DECIDE)),
                    new Rule(new ToolCalled(Tools.MARK_AS_DUPLICATE.name()), new Terminate(DUPLICATE)),
                    new Rule(new ToolCalled(Tools.PROCEED_TO_TRIAGE.name()), new Next(TRIAGE)),
                    new Rule(new ToolCalled(Tools.ASSIGN_SPECIALISTS.name()), new Band("specialists",
                            Map.of("network", NETWORK, "storage", STORAGE, "web", WEB))),
                    new Rule(new ToolCalled(Tools.SUBMIT_FINDINGS.name()), new Next(RCA)),
                    new Rule(new ToolCalled(Tools.SUBMIT_RCA.name()), new Next(Agent.REMEDIATION)),
                    new Rule(new ToolCalled(Tools.POST_RECOMMENDATIONS.name()), new Terminate(REMEDIATION_RECOMMENDED)),
                    new Rule(new SpeakerIs(TICKET_BOT), new Next(INTAKE_LOOKUP))),
            NO_MATCH, 25);

    public static final Graph REMEDIATION = new Graph(REM_BOT,
            List.of(REM_BOT, REM_TRIAGE, INFRA, STORAGE_FIX, CONFIG_FIX, HUMAN, RUNNER, RESOLVER),
            List.of(
                    new Rule(new SpeakerIs(REM_BOT), new Next(RUNNER)),
                    new Rule(new ToolCalled(Tools.PROPOSE_ACTIONS.name()), new Next(REM_TRIAGE)),
                    new Rule(new ToolCalled(Tools.ASSIGN_FIXERS.name()), new Band("fixers",
                            Map.of("infra", INFRA, "storage", STORAGE_FIX, "config", CONFIG_FIX, "human", HUMAN))),
                    new Rule(new ToolCalled(Tools.SUBMIT_FIX.name()), new Next(RUNNER)),
                    new Rule(new SpeakerIs(HUMAN), new Next(RUNNER)),
                    new Rule(new ToolCalled(Tools.RUN_ACTION.name()), new Next(RUNNER)),
                    new Rule(new ToolCalled(Tools.FINISH_ACTIONS.name()), new Next(RESOLVER)),
                    new Rule(new ToolCalled(Tools.CLOSE_TICKET.name()), new Terminate(RESOLVED))),
            NO_MATCH, 30);

    private Graphs() {
    }
}
