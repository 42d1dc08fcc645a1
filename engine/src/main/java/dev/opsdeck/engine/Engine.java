package dev.opsdeck.engine;

import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.EventStream;
import dev.opsdeck.engine.event.Level;
import dev.opsdeck.engine.event.Subscriber;
import dev.opsdeck.engine.event.Subscription;
import dev.opsdeck.engine.flow.Answer;
import dev.opsdeck.engine.flow.Flow;
import dev.opsdeck.engine.flow.FlowContext;
import dev.opsdeck.engine.reasoning.Reasoner;
import dev.opsdeck.engine.reasoning.offline.OfflineRules;
import dev.opsdeck.engine.store.Store;
import dev.opsdeck.engine.ticket.Status;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.ticket.Tickets;
import dev.opsdeck.engine.world.Incident;
import dev.opsdeck.engine.world.World;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The OpsDeck engine, in-process: admits incidents, runs their flows, takes the operator's answers, and tells
 * everything through one ordered event stream. The desktop, the bridge and the demo all drive it through this API.
 */
public final class Engine implements AutoCloseable {

    private final EngineConfig config;
    private final Store store;
    private final EventStream stream;
    private final Tickets tickets;
    private final ExecutorService turns;
    private final ScheduledExecutorService timer;
    private final FlowContext ctx;
    private final Simulation simulation;
    private final Map<String, Flow> flows = new ConcurrentHashMap<>();
    private final Map<String, Double> lastInject = new HashMap<>();

    private Engine(EngineConfig config) {
        this.config = config;
        this.store = Store.open(config.dataDir());
        this.stream = new EventStream(config.clock(), config.retain());
        this.tickets = new Tickets(store, stream, config.clock());
        // Each turn thread first runs the host's set-up (the console lowers their scheduling class: see EngineConfig).
        this.turns = Executors.newFixedThreadPool(config.workers(), named("opsdeck-turn", config.onTurnThread()));
        this.timer = Executors.newSingleThreadScheduledExecutor(named("opsdeck-timer", () -> { }));
        Reasoner rules = new OfflineRules(config.world());
        this.ctx = new FlowContext(store, tickets, stream, config.world(),
                config.reasoner() == null ? rules : config.reasoner(), rules, turns, timer, config.signOffDeadline(),
                config.tokenCap());
        this.simulation = new Simulation(config.world(), stream, timer, config.ambientEvery());
    }

    /**
     * Opens the store and resumes every flow an earlier run left unfinished.
     *
     * @throws dev.opsdeck.engine.store.StoreException if the data file cannot be used
     */
    public static Engine start(EngineConfig config) {
        Engine engine = new Engine(config);
        engine.resumeUnfinished();
        return engine;
    }

    private void resumeUnfinished() {
        for (Ticket t : tickets.all()) {
            if (!t.status().terminal()) {
                Flow flow = newFlow(t.id(), config.world().incidentFor(t.system(), t.issue()));
                turns.execute(flow::resume);
            }
        }
    }

    private Flow newFlow(String ticketId, Incident incident) {
        Flow flow = new Flow(ticketId, incident, ctx, () -> flows.remove(ticketId));
        flows.put(ticketId, flow);
        return flow;
    }

    public World world() {
        return config.world();
    }

    public EngineConfig config() {
        return config;
    }

    /** Which reasoning the agents use: {@code rules}, or the model backend's name. */
    public String reasoning() {
        return ctx.reasoner().name();
    }

    /** Starts a flow, unless it is debounced, over the flow cap, or invalid; a refusal is also published. */
    public synchronized InjectResult inject(Injection injection) {
        Optional<String> invalid = injection.invalid();
        if (invalid.isPresent()) {
            return InjectResult.refused(Incident.CUSTOM, invalid.get());
        }
        Incident incident = injection.resolve(config.world());
        String key = incident.debounceKey();
        double now = tickets.now();
        Double last = lastInject.get(key);
        if (last != null && now - last < config.debounce().toMillis() / 1000.0) {
            return refuse(incident.key(), "debounced — injected a moment ago");
        }
        if (flows.size() >= config.maxFlows()) {
            return refuse(incident.key(), "at concurrency cap (" + config.maxFlows() + " flows running)");
        }
        lastInject.put(key, now);
        for (String line : incident.errorLogs()) {
            stream.publish(new EngineEvent.LogLine(incident.system(), line, Level.ERROR));
        }
        Ticket ticket = tickets.open(incident.system(), incident.issue(), incident.sev());
        Flow flow = newFlow(ticket.id(), incident);
        turns.execute(flow::start);
        return InjectResult.opened(ticket.id(), incident.key());
    }

    /** Injects the system and issue of the newest non-duplicate ticket again, so diagnosis finds it a duplicate. */
    public synchronized InjectResult injectRepeat() {
        List<Ticket> all = tickets.all();
        for (int i = all.size() - 1; i >= 0; i--) {
            Ticket t = all.get(i);
            if (t.status() != Status.DUPLICATE) {
                Incident known = config.world().incidentFor(t.system(), t.issue());
                return inject(known.isCustom() ? Injection.custom(t.system(), t.issue(), t.sev(), "")
                        : Injection.of(known.key()));
            }
        }
        return refuse("duplicate", "nothing to duplicate: no ticket in view yet");
    }

    private InjectResult refuse(String incident, String reason) {
        stream.publish(new EngineEvent.InjectIgnored(incident, reason));
        return InjectResult.refused(incident, reason);
    }

    /**
     * The operator's sign-off for the remediation on {@code channelId}; {@code null} or blank declines. The first
     * answer wins; a later one, or one for a channel with nothing pending, is refused with the reason.
     */
    public Answer answer(String channelId, String decision, String by) {
        Flow flow = channelId == null ? null : flows.get(Flow.ticketIdOf(channelId));
        if (flow == null || !flow.pendingSignOff(channelId)) {
            return Answer.refused("no pending sign-off on channel " + channelId + " (unknown, or already answered)");
        }
        return flow.answer(channelId, decision, by);
    }

    /** Resets, then starts the ambient simulation. */
    public synchronized void startSimulation() {
        reset();
        simulation.start();
    }

    public synchronized void stopSimulation() {
        simulation.stop();
    }

    public boolean simulationRunning() {
        return simulation.running();
    }

    /** A clean slate for the view: flows cancelled, tickets archived (kept, ids go on), the retained log cleared. */
    public synchronized void reset() {
        for (Flow flow : List.copyOf(flows.values())) {
            flow.cancel();
        }
        tickets.archiveAll();
        lastInject.clear();
        stream.publish(new EngineEvent.Reset());
    }

    public List<Ticket> tickets() {
        return tickets.all();
    }

    public Optional<Ticket> ticket(String id) {
        return tickets.get(id);
    }

    public int runningFlows() {
        return flows.size();
    }

    /** The journal of one channel, oldest first. */
    public List<dev.opsdeck.engine.workflow.Envelope> journal(String channelId) {
        return store.journal(channelId);
    }

    /** Live events from now on. */
    public Subscription subscribe(String name, Subscriber subscriber) {
        return stream.subscribe(name, subscriber);
    }

    /**
     * The tickets in view, handed to {@code snapshot} first, then (if {@code replay}) the retained history since
     * the last reset, then live events: one ordered stream with no gap.
     */
    public Subscription subscribe(String name, boolean replay, Consumer<List<Ticket>> snapshot, Subscriber subscriber) {
        return stream.subscribe(name, replay, () -> snapshot.accept(tickets.all()), subscriber);
    }

    /**
     * The tickets in view, the stream's last sequence number and (if {@code replay}) the retained history, read at
     * one instant of the stream: events numbered above the mark are exactly those the tickets do not show yet.
     * Cheap (copies only), so a caller can encode what it got outside the stream's lock.
     */
    public EventStream.Mark<List<Ticket>> mark(boolean replay) {
        return stream.mark(replay, tickets::all);
    }

    /** Publishes an event that does not come from a flow (a client's error, say) on the one stream. */
    public void publish(EngineEvent event) {
        stream.publish(event);
    }

    /** Stops every thread and closes the store; flows mid-way resume at the next start. */
    @Override
    public void close() {
        for (Flow flow : flows.values()) {
            flow.halt();
        }
        timer.shutdownNow();
        turns.shutdown();
        try {
            if (!turns.awaitTermination(5, TimeUnit.SECONDS)) {
                turns.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stream.closeAll();
        store.close();
    }

    private static ThreadFactory named(String prefix, Runnable setup) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(() -> {
                setup.run();
                r.run();
            }, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
