package dev.opsdeck.engine.reasoning;

import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.agent.ToolDesk;
import dev.opsdeck.engine.agent.ToolSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tools one agent holds for one turn, ready to run: each answers through its own handler, consulting the
 * turn's {@link ToolDesk} (the world, the store, Prometheus). Calling a tool the agent does not hold, or with arguments that do
 * not fit, is refused with a reason the caller can hand back to a model.
 */
public final class ToolBox {

    private final Agent agent;
    private final ToolDesk desk;

    public ToolBox(Agent agent, ToolDesk desk) {
        this.agent = agent;
        this.desk = desk;
    }

    public List<ToolSpec> specs() {
        return agent.tools();
    }

    /** Why this call cannot run, if it cannot. */
    public Optional<String> refusal(String name, Map<String, Object> args) {
        Optional<ToolSpec> spec = agent.tool(name);
        if (spec.isEmpty()) {
            return Optional.of(agent.displayName() + " has no tool '" + name + "' (it holds "
                    + agent.tools().stream().map(ToolSpec::name).toList() + ")");
        }
        return spec.get().misfit(args);
    }

    /** Runs a call, or throws {@link ReasoningException} with the refusal. */
    public ToolCall call(String name, Map<String, Object> args) {
        Optional<String> refused = refusal(name, args);
        if (refused.isPresent()) {
            throw new ReasoningException(refused.get());
        }
        return new ToolCall(name, args, agent.tool(name).orElseThrow().answer(desk, args));
    }
}
