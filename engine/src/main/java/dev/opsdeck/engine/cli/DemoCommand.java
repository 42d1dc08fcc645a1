package dev.opsdeck.engine.cli;

import dev.opsdeck.engine.Engine;
import dev.opsdeck.engine.EngineConfig;
import dev.opsdeck.engine.InjectResult;
import dev.opsdeck.engine.Injection;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Published;
import dev.opsdeck.engine.event.Subscription;
import dev.opsdeck.engine.flow.Texts;
import dev.opsdeck.engine.ticket.Ticket;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code opsdeck demo}: one incident through both stages in the terminal, the sign-off answered by a flag. */
@Command(name = DemoCommand.NAME, mixinStandardHelpOptions = true,
        description = {"Run one incident through diagnosis and remediation in the terminal.",
                "The offline rules answer at once here (no --pace): the trace is read afterwards, not watched."})
public final class DemoCommand implements Callable<Integer> {

    /** The word that names this command (the launcher knows the console from it before any parsing). */
    public static final String NAME = "demo";

    public enum Decision { approve, defer, reject, none }

    @Mixin
    CommonOptions common;

    @Option(names = "--incident", paramLabel = "KEY", defaultValue = "web_5xx",
            description = "Incident key from the world (default: ${DEFAULT-VALUE}).")
    String incident;

    @Option(names = "--decision", paramLabel = "approve|defer|reject|none", defaultValue = "approve",
            description = "How the operator answers the sign-off; none lets the deadline pass (default: ${DEFAULT-VALUE}).")
    Decision decision;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws InterruptedException {
        EngineConfig config = common.config();
        if (config.world().incident(incident).isEmpty()) {
            throw new IllegalArgumentException("unknown incident '" + incident + "'; the world has "
                    + config.world().incidents().stream().map(i -> i.key()).toList());
        }
        try (Engine engine = Engine.start(config)) {
            return run(engine, config);
        }
    }

    private int run(Engine engine, EngineConfig config) throws InterruptedException {
        out.printf("OpsDeck demo · incident %s · reasoning: %s · data: %s%n", incident,
                engine.reasoning().equals("rules") ? "offline rules" : engine.reasoning(), common.dataDir());
        CountDownLatch done = new CountDownLatch(1);
        String[] ticketId = new String[1];
        TracePrinter printer = new TracePrinter(out);
        Object gate = new Object();
        try (Subscription ignored = engine.subscribe("demo", batch -> {
            synchronized (gate) {
                for (Published p : batch) {
                    printer.print(p);
                    if (p.event() instanceof EngineEvent.SignOffRequested r && r.ticketId().equals(ticketId[0])) {
                        answer(engine, r.channelId());
                    }
                    if (p.event() instanceof EngineEvent.TicketChanged c && c.ticket().id().equals(ticketId[0])
                            && c.ticket().status().terminal()) {
                        done.countDown();
                    }
                }
            }
        })) {
            InjectResult result;
            synchronized (gate) {
                result = engine.inject(Injection.of(incident));
                ticketId[0] = result.ticketId();
            }
            if (!result.accepted()) {
                out.println("inject refused: " + result.reason());
                return 1;
            }
            long wait = config.signOffDeadline().toSeconds() + 120;
            if (!done.await(wait, TimeUnit.SECONDS)) {
                out.println("the ticket did not reach a terminal status within " + wait + " s");
                return 1;
            }
        }
        summary(engine.ticket(ticketId[0]).orElseThrow());
        return 0;
    }

    private void answer(Engine engine, String channelId) {
        String text;
        switch (decision) {
            case approve: text = Texts.APPROVE; break;
            case defer: text = Texts.DEFER; break;
            case reject: text = Texts.REJECT; break;
            default: return;
        }
        engine.answer(channelId, text, "demo");
    }

    private void summary(Ticket t) {
        out.println();
        out.println("── " + t.id() + " lifecycle ──────────────────────────────");
        out.println("status          " + t.status().label());
        out.println("parent          " + (t.parent() == null ? "—" : t.parent()));
        out.println("rca             " + (t.rca().isEmpty() ? "—" : t.rca() + " (confidence " + t.confidence() + ")"));
        out.println("recommendations " + (t.recommendations().isEmpty() ? "—" : ""));
        List<String> recs = t.recommendations();
        for (int i = 0; i < recs.size(); i++) {
            out.println("  " + (i + 1) + ". " + recs.get(i));
        }
        out.println("resolution      " + (t.resolution().isEmpty() ? "—" : t.resolution()));
        if (t.usage().total() > 0) {
            out.println("model usage     " + t.usage().promptTokens() + " prompt + " + t.usage().outputTokens()
                    + " output tokens over " + t.usage().modelTurns() + " model turn(s)");
        }
        out.println("history         " + String.join(" → ", t.history()));
    }
}
