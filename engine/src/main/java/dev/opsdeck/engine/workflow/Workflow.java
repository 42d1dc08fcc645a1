package dev.opsdeck.engine.workflow;

import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.workflow.Graph.Rule;
import dev.opsdeck.engine.workflow.Graph.Target;
import dev.opsdeck.engine.workflow.Graph.When;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The routing of a channel as a pure function of (graph, state, envelope): no clock, no store, no threads. The
 * engine calls {@link #refusal} before it accepts a post and {@link #fold} to accept it; replaying a journal
 * through {@link #fold} rebuilds the same state byte for byte.
 */
public final class Workflow {

    private Workflow() {
    }

    /** Why this sender may not post now, if it may not: the speaker gate. */
    public static Optional<String> refusal(WorkflowState state, String sender) {
        if (state.closed()) {
            return Optional.of("channel is closed (" + state.closeReason() + "), got " + sender);
        }
        if (state.inBand()) {
            return state.pending().contains(sender) ? Optional.empty()
                    : Optional.of("workflow expects one of " + state.pending() + " to speak, got " + sender);
        }
        return sender.equals(state.expected()) ? Optional.empty()
                : Optional.of("workflow expects " + state.expected() + " to speak, got " + sender);
    }

    /**
     * The state after this envelope. A band member's post only leaves the band; the last member's post is the join
     * and its routing tool decides the next step, evaluated like any other post.
     *
     * @throws WorkflowException if the post cannot be routed (a band argument that is not a list, an unknown nickname)
     */
    public static WorkflowState fold(Graph graph, WorkflowState state, Envelope envelope) {
        int turns = state.turnCount() + 1;
        String sender = envelope.sender();
        if (state.inBand()) {
            List<String> rest = new ArrayList<>(state.pending());
            rest.remove(sender);
            if (!rest.isEmpty()) {
                return new WorkflowState(null, rest, sender, envelope.id(), turns, null, false);
            }
        }
        Target target = route(graph, envelope);
        String expected = null;
        List<String> pending = List.of();
        String reason = null;
        if (target instanceof Target.Next next) {
            expected = next.agent().displayName();
        } else if (target instanceof Target.Terminate terminate) {
            reason = terminate.reason();
        } else if (target instanceof Target.Band band) {
            pending = band(band, envelope);
            if (pending.isEmpty()) {
                reason = Graphs.WORKFLOW_TERMINATED;
            }
        }
        boolean closed = false;
        if (pending.isEmpty() && expected == null) {
            closed = true;
        } else if (pending.isEmpty() && turns >= graph.maxTurns()) {
            closed = true;
            expected = null;
            reason = Graphs.MAX_TURNS;
        }
        return new WorkflowState(expected, pending, sender, envelope.id(), turns, reason, closed);
    }

    /** The state after every envelope of a journal, from the graph's initial state. */
    public static WorkflowState replay(Graph graph, List<Envelope> journal) {
        WorkflowState state = WorkflowState.initial(graph);
        for (Envelope e : journal) {
            state = fold(graph, state, e);
        }
        return state;
    }

    private static Target route(Graph graph, Envelope envelope) {
        for (Rule rule : graph.rules()) {
            if (matches(rule.when(), envelope)) {
                return rule.then();
            }
        }
        return new Target.Terminate(graph.defaultReason());
    }

    private static boolean matches(When when, Envelope envelope) {
        if (when instanceof When.ToolCalled called) {
            return envelope.isPacket() && called.tool().equals(envelope.tool());
        }
        return ((When.SpeakerIs) when).speaker().displayName().equals(envelope.sender());
    }

    private static List<String> band(Target.Band band, Envelope envelope) {
        Map<String, Object> args = envelope.toolArgs();
        Object value = args == null ? null : args.get(band.fromArg());
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> nicknames)) {
            throw new WorkflowException("expected a list at routing.tool_args['" + band.fromArg() + "']");
        }
        TreeSet<String> members = new TreeSet<>();
        for (Object nickname : nicknames) {
            Agent agent = band.nicknames().get(String.valueOf(nickname));
            if (agent == null) {
                throw new WorkflowException("unknown nickname '" + nickname + "' (known: "
                        + new TreeSet<>(band.nicknames().keySet()) + ")");
            }
            members.add(agent.displayName());
        }
        return List.copyOf(members);
    }
}
