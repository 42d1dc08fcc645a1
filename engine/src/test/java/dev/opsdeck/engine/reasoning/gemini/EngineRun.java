package dev.opsdeck.engine.reasoning.gemini;

import dev.opsdeck.engine.Engine;
import dev.opsdeck.engine.EngineConfig;
import dev.opsdeck.engine.InjectResult;
import dev.opsdeck.engine.Injection;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Published;
import dev.opsdeck.engine.flow.Texts;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Envelope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An engine under test: started on a config, every published event collected, the operator's sign-off approved as
 * soon as it is asked, and a latch per ticket that opens when the ticket reaches a terminal status.
 */
public final class EngineRun implements AutoCloseable {

    private final Engine engine;
    private final List<Published> events = new CopyOnWriteArrayList<>();
    private final Map<String, String> ticketOfChannel = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> terminal = new ConcurrentHashMap<>();

    public EngineRun(EngineConfig config) {
        engine = Engine.start(config.withDebounce(Duration.ZERO));
        engine.subscribe("test", batch -> {
            for (Published p : batch) {
                events.add(p);
                EngineEvent e = p.event();
                if (e instanceof EngineEvent.ChannelOpened o) {
                    ticketOfChannel.put(o.channelId(), o.ticketId());
                } else if (e instanceof EngineEvent.SignOffRequested r) {
                    engine.answer(r.channelId(), Texts.APPROVE, "test");
                } else if (e instanceof EngineEvent.TicketChanged c && c.ticket().status().terminal()) {
                    latch(c.ticket().id()).countDown();
                }
            }
        });
    }

    public Engine engine() {
        return engine;
    }

    public String inject(String incident) {
        InjectResult r = engine.inject(Injection.of(incident));
        if (!r.accepted()) {
            throw new AssertionError("inject refused: " + r.reason());
        }
        return r.ticketId();
    }

    /** Waits for the ticket's terminal status and returns the ticket as it then is. */
    public Ticket awaitTerminal(String ticketId, Duration within) throws InterruptedException {
        if (!latch(ticketId).await(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(ticketId + " not terminal within " + within + "; events: " + events.size());
        }
        return engine.ticket(ticketId).orElseThrow();
    }

    /** The ticket's envelopes, both stages, in the order they were published. */
    public List<Envelope> envelopes(String ticketId) {
        return events.stream().map(Published::event).filter(e -> e instanceof EngineEvent.EnvelopePosted)
                .map(e -> ((EngineEvent.EnvelopePosted) e).envelope())
                .filter(env -> ticketId.equals(ticketOfChannel.get(env.channelId()))).toList();
    }

    public List<Published> published() {
        return List.copyOf(events);
    }

    public List<String> errors() {
        return events.stream().map(Published::event).filter(e -> e instanceof EngineEvent.ErrorReported)
                .map(e -> ((EngineEvent.ErrorReported) e).detail()).toList();
    }

    private CountDownLatch latch(String ticketId) {
        return terminal.computeIfAbsent(ticketId, id -> new CountDownLatch(1));
    }

    @Override
    public void close() {
        engine.close();
    }
}
