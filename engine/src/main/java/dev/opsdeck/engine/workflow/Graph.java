package dev.opsdeck.engine.workflow;

import dev.opsdeck.engine.agent.Agent;
import java.util.List;
import java.util.Map;

/**
 * A stage's transition graph: who opens the channel, who takes part, and the rules, first match wins, that pick
 * who speaks next from the last post. Pure data; {@link Workflow} interprets it.
 */
public record Graph(Agent initial, List<Agent> participants, List<Rule> rules, String defaultReason, int maxTurns) {

    public Graph {
        participants = List.copyOf(participants);
        rules = List.copyOf(rules);
    }

    public record Rule(When when, Target then) {
    }

    /** The condition of a rule, evaluated against the post being folded. */
    public sealed interface When {
        record ToolCalled(String tool) implements When {
        }

        record SpeakerIs(Agent speaker) implements When {
        }
    }

    /** What a matched rule does. */
    public sealed interface Target {
        /** One agent speaks next. */
        record Next(Agent agent) implements Target {
        }

        /** The channel closes with this reason. */
        record Terminate(String reason) implements Target {
        }

        /** The agents named by a list argument of the routing call all become pending: the parallel band. */
        record Band(String fromArg, Map<String, Agent> nicknames) implements Target {
            public Band {
                nicknames = Map.copyOf(nicknames);
            }
        }
    }
}
