package dev.opsdeck.engine.flow;

import dev.opsdeck.engine.event.EventStream;
import dev.opsdeck.engine.reasoning.Reasoner;
import dev.opsdeck.engine.runbook.Runbook;
import dev.opsdeck.engine.runbook.exec.Executor;
import dev.opsdeck.engine.store.Store;
import dev.opsdeck.engine.telemetry.MetricProbes;
import dev.opsdeck.engine.ticket.Tickets;
import dev.opsdeck.engine.world.World;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every flow shares: the store and tickets, the stream, the world, the reasoning (and its offline fallback),
 * and the engine's two named thread pools: {@code turns} for agent turns, {@code timer} for deadlines.
 *
 * @param tokenCap model tokens a ticket may spend before its turns use the rules directly; 0 = no cap
 * @param metrics  the Prometheus probes for systems the world does not simulate ({@link MetricProbes#NONE}: none)
 * @param runbook  the actions remediation may propose and run
 * @param executor where the runner runs them (the one port through which OpsDeck changes anything)
 */
public record FlowContext(
        Store store,
        Tickets tickets,
        EventStream stream,
        World world,
        Reasoner reasoner,
        Reasoner fallback,
        ExecutorService turns,
        ScheduledExecutorService timer,
        Duration signOffDeadline,
        long tokenCap,
        MetricProbes metrics,
        Runbook runbook,
        Executor executor) {

    FlowDesk tools() {
        return new FlowDesk(world, tickets, metrics, runbook);
    }
}
