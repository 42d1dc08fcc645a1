package dev.opsdeck.engine.exam;

import dev.opsdeck.engine.Engine;
import dev.opsdeck.engine.EngineConfig;
import dev.opsdeck.engine.alert.AlertReceipt;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Published;
import dev.opsdeck.engine.event.Subscription;
import dev.opsdeck.engine.telemetry.MetricProbes;
import dev.opsdeck.engine.telemetry.Toolset;
import dev.opsdeck.engine.telemetry.prometheus.PrometheusClient;
import dev.opsdeck.engine.ticket.Ticket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs cases as a user meets them: each case's alert goes into an engine of its own (a fresh data dir, the
 * reasoning the options chose) whose Prometheus queries are evaluated at the case's time, and the ticket's RCA, once
 * the diagnosis records it, is graded against the answer. The remediation that follows is not examined: the engine
 * is closed before any sign-off is answered, so nothing runs.
 */
public final class Exam {

    /**
     * One case's outcome.
     *
     * @param fallbacks the diagnosis turns the model got wrong or never answered, which the rules then took (each
     *                  such envelope says so): a model's pass rate counts those turns as the rules'
     */
    public record Result(ExamCase exam, String backend, Grader.Grade grade, String rca, String confidence,
            double seconds, int fallbacks) {
    }


    private final EngineConfig base;
    private final Toolset toolset;
    private final String prometheusUrl;
    private final Duration queryTimeout;
    private final Duration caseTimeout;
    private final Path work;

    public Exam(EngineConfig base, Toolset toolset, String prometheusUrl, Duration queryTimeout, Duration caseTimeout,
            Path work) {
        this.base = base;
        this.toolset = toolset;
        this.prometheusUrl = prometheusUrl;
        this.queryTimeout = queryTimeout;
        this.caseTimeout = caseTimeout;
        this.work = work;
    }

    public List<Result> run(List<ExamCase> cases, Consumer<Result> each) throws InterruptedException {
        List<Result> out = new ArrayList<>();
        for (ExamCase c : cases) {
            Result r = run(c);
            each.accept(r);
            out.add(r);
        }
        return out;
    }

    Result run(ExamCase c) throws InterruptedException {
        MetricProbes metrics = new MetricProbes(PrometheusClient.of(prometheusUrl, queryTimeout).at(c.at()), toolset);
        EngineConfig config = new EngineConfig(work.resolve(c.name()), base.world(), base.clock(), base.reasoner(),
                base.maxFlows(), base.debounce(), base.signOffDeadline(), base.ambientEvery(), base.retain(),
                base.workers(), base.tokenCap(), metrics, null, base.runbook(), base.executor());
        try (Engine engine = Engine.start(config)) {
            CompletableFuture<Ticket> diagnosed = new CompletableFuture<>();
            String[] id = new String[1];
            int[] fallbacks = new int[1];
            Object gate = new Object();
            long start = System.nanoTime();
            try (Subscription ignored = engine.subscribe("exam", batch -> {
                synchronized (gate) {
                    for (Published p : batch) {
                        if (!diagnosed.isDone() && p.event() instanceof EngineEvent.EnvelopePosted e
                                && e.envelope().fellBack()) {
                            fallbacks[0]++;
                        }
                        if (p.event() instanceof EngineEvent.TicketChanged t && t.ticket().id().equals(id[0])
                                && (!t.ticket().rca().isEmpty() || t.ticket().status().terminal())) {
                            diagnosed.complete(t.ticket());
                        }
                    }
                }
            })) {
                synchronized (gate) {
                    AlertReceipt receipt = engine.receiveAlerts(List.of(c.alert()));
                    if (receipt.tickets().isEmpty()) {
                        return failed(c, engine, "the alert opened no ticket: " + receipt.ignored(), start, 0);
                    }
                    id[0] = receipt.tickets().get(0);
                }
                Ticket t;
                int fellBack;
                try {
                    t = diagnosed.get(caseTimeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    return failed(c, engine, "no RCA within " + caseTimeout.toSeconds() + " s", start,
                            fallbacksSoFar(gate, fallbacks));
                } catch (ExecutionException e) {
                    return failed(c, engine, "the run failed: " + e.getCause(), start, fallbacksSoFar(gate, fallbacks));
                }
                fellBack = fallbacksSoFar(gate, fallbacks);
                double seconds = (System.nanoTime() - start) / 1e9;
                return new Result(c, engine.reasoning(), Grader.grade(c.expected(), t.rca()), t.rca(), t.confidence(),
                        seconds, fellBack);
            }
        }
    }

    private static int fallbacksSoFar(Object gate, int[] fallbacks) {
        synchronized (gate) {
            return fallbacks[0];
        }
    }

    private static Result failed(ExamCase c, Engine engine, String why, long start, int fallbacks) {
        return new Result(c, engine.reasoning(), new Grader.Grade("", List.of(why)), "", "",
                (System.nanoTime() - start) / 1e9, fallbacks);
    }
}
