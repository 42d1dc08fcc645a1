package dev.opsdeck.desktop;

import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.reasoning.Reasoner;
import dev.opsdeck.engine.reasoning.Reply;
import dev.opsdeck.engine.reasoning.TurnRequest;
import dev.opsdeck.engine.reasoning.offline.OfflineRules;
import dev.opsdeck.engine.world.World;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The offline rules, except that one agent's turns wait until the test opens the gate: a scripted fake at the
 * reasoning port, so a test can look at the rail mid-flow without sleeping.
 */
public final class GatedReasoner implements Reasoner {

    private final OfflineRules rules;
    private final Agent gated;
    private final CountDownLatch gate = new CountDownLatch(1);

    public GatedReasoner(World world, Agent gated) {
        this.rules = new OfflineRules(world);
        this.gated = gated;
    }

    public void open() {
        gate.countDown();
    }

    @Override
    public String name() {
        return rules.name();
    }

    @Override
    public Reply think(TurnRequest request) {
        if (request.agent() == gated) {
            try {
                if (!gate.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never opened the gate for " + gated);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return rules.think(request);
    }
}
