package dev.opsdeck.engine.testing;

import dev.opsdeck.engine.Engine;
import dev.opsdeck.engine.EngineConfig;
import dev.opsdeck.engine.runbook.RunbookLoader;
import dev.opsdeck.engine.runbook.Step;
import dev.opsdeck.engine.runbook.exec.Executor;
import dev.opsdeck.engine.Injection;
import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.flow.Texts;
import dev.opsdeck.engine.world.WorldLoader;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A process for the crash tests to kill: it runs web_5xx on a data dir until a chosen point, says
 * {@code STALLED <ticket>} on stdout, and then waits to be killed. The point is an agent whose turn never ends, or
 * {@code signoff} (the operator never answers), or {@code changes} (the operator sends the first proposal back with
 * "not api-gateway-02", and the second round's RemTriage never ends; a third argument names a team database).
 */
public final class CrashableEngine {

    public static void main(String[] args) throws InterruptedException {
        Path dir = Path.of(args[0]);
        String stallAt = args[1];
        CountDownLatch never = new CountDownLatch(1);
        String[] ticket = new String[1];
        ScriptedReasoner reasoner = new ScriptedReasoner(WorldLoader.bundled());
        if (stallAt.equals("changes")) {
            ScriptedReasoner rules = new ScriptedReasoner(WorldLoader.bundled());
            reasoner.script(Agent.REM_TRIAGE, req -> {
                if (!req.transcript().get(0).channelId().endsWith("-r2")) {
                    return rules.think(req);
                }
                stalled(ticket[0]);
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("unreachable: the test kills this process");
            });
        } else if (!stallAt.equals("signoff") && !stallAt.equals("action")) {
            reasoner.script(Agent.byName(stallAt).orElseThrow(), req -> {
                stalled(ticket[0]);
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("unreachable: the test kills this process");
            });
        }
        EngineConfig config = EngineConfig.defaults(dir).withReasoner(reasoner);
        if (stallAt.equals("action")) {
            // A real process runs; the line is printed once its start is recorded, just before it is started.
            Executor real = config.executor();
            if (args.length > 3) {
                config = config.withDatabase(args[3]);
            }
            config = config.withRunbook(RunbookLoader.load(Path.of(args[2]))).withExecutor(step -> {
                if (step instanceof Step.Command c && !c.argv().contains("--dry-run")) {
                    stalled(ticket[0]);
                }
                return real.execute(step);
            });
        }
        if (stallAt.equals("changes") && args.length > 2) {
            config = config.withDatabase(args[2]);
        }
        Engine engine = Engine.start(config);
        engine.subscribe("crash", batch -> batch.forEach(p -> {
            if (p.event() instanceof EngineEvent.SignOffRequested r) {
                if (stallAt.equals("signoff")) {
                    stalled(r.ticketId());
                } else if (stallAt.equals("changes")) {
                    engine.requestChanges(r.channelId(), "not api-gateway-02: it is in maintenance", "alice");
                } else {
                    engine.answer(r.channelId(), Texts.APPROVE, "crash-test");
                }
            }
        }));
        synchronized (CrashableEngine.class) {
            ticket[0] = engine.inject(Injection.of("web_5xx")).ticketId();
        }
        never.await();
    }

    private static void stalled(String ticketId) {
        synchronized (CrashableEngine.class) {
            System.out.println("STALLED " + ticketId);
            System.out.flush();
        }
    }
}
