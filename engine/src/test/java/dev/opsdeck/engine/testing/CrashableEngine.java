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
 * {@code signoff} (the operator never answers).
 */
public final class CrashableEngine {

    public static void main(String[] args) throws InterruptedException {
        Path dir = Path.of(args[0]);
        String stallAt = args[1];
        CountDownLatch never = new CountDownLatch(1);
        String[] ticket = new String[1];
        ScriptedReasoner reasoner = new ScriptedReasoner(WorldLoader.bundled());
        if (!stallAt.equals("signoff") && !stallAt.equals("action")) {
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
        Engine engine = Engine.start(config);
        engine.subscribe("crash", batch -> batch.forEach(p -> {
            if (p.event() instanceof EngineEvent.SignOffRequested r) {
                if (stallAt.equals("signoff")) {
                    stalled(r.ticketId());
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
