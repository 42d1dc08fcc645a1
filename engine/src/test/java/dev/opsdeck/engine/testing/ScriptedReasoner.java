package dev.opsdeck.engine.testing;

import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.reasoning.Reasoner;
import dev.opsdeck.engine.reasoning.Reply;
import dev.opsdeck.engine.reasoning.TurnRequest;
import dev.opsdeck.engine.reasoning.offline.OfflineRules;
import dev.opsdeck.engine.world.World;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A reasoning stand-in: the offline rules for every agent unless a test scripts that agent's turn. It records every
 * request, so a test can see who was asked and what they saw.
 */
public final class ScriptedReasoner implements Reasoner {

    private final OfflineRules rules;
    private final Map<Agent, Function<TurnRequest, Reply>> scripts = new ConcurrentHashMap<>();
    private final List<TurnRequest> requests = new CopyOnWriteArrayList<>();

    public ScriptedReasoner(World world) {
        this.rules = new OfflineRules(world);
    }

    public ScriptedReasoner script(Agent agent, Function<TurnRequest, Reply> turn) {
        scripts.put(agent, turn);
        return this;
    }

    public List<TurnRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public Reply think(TurnRequest request) {
        requests.add(request);
        Function<TurnRequest, Reply> script = scripts.get(request.agent());
        if (script == null) {
            Reply r = rules.think(request);
            return new Reply(r.calls(), r.body(), name(), r.usage());
        }
        return script.apply(request);
    }
}
