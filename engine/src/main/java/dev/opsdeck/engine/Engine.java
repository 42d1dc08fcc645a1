package dev.opsdeck.engine;

import dev.opsdeck.engine.alert.AlertMapping;
import dev.opsdeck.engine.alert.AlertNotice;
import dev.opsdeck.engine.alert.AlertPlan;
import dev.opsdeck.engine.alert.AlertReceipt;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.EventStream;
import dev.opsdeck.engine.event.Level;
import dev.opsdeck.engine.event.Outcome;
import dev.opsdeck.engine.event.Subscriber;
import dev.opsdeck.engine.event.Subscription;
import dev.opsdeck.engine.flow.Answer;
import dev.opsdeck.engine.flow.Flow;
import dev.opsdeck.engine.flow.FlowContext;
import dev.opsdeck.engine.flow.Texts;
import dev.opsdeck.engine.reasoning.Reasoner;
import dev.opsdeck.engine.reasoning.offline.OfflineRules;
import dev.opsdeck.engine.store.Store;
import dev.opsdeck.engine.store.StoreException;
import dev.opsdeck.engine.ticket.Status;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.ticket.Tickets;
import dev.opsdeck.engine.world.Incident;
import dev.opsdeck.engine.world.World;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpsDeck engine, in-process: admits incidents, runs their flows, takes the operator's answers, and tells
 * everything through one ordered event stream. The desktop, the bridge and the demo all drive it through this API.
 */
public final class Engine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Engine.class);

    private final EngineConfig config;
    private final Store store;
    private final EventStream stream;
    private final Tickets tickets;
    private final ExecutorService turns;
    private final ScheduledExecutorService timer;
    private final FlowContext ctx;
    private final Simulation simulation;
    private final Map<String, Flow> flows = new ConcurrentHashMap<>();
    /** This server's name in a team: on the events it logs, in its health. */
    private final String instance;
    private volatile Team team;
    /** Alert tickets beyond the flow cap, oldest first: each starts when a flow ends. */
    private final Queue<String> waiting = new ConcurrentLinkedQueue<>();
    private final RoomWatch room;

    private Engine(EngineConfig config) {
        this.config = config;
        this.store = Store.of(config.dataDir(), config.database());
        this.instance = Team.instanceName();
        this.stream = new EventStream(config.clock(), config.retain(), events -> store.record(instance, events));
        this.tickets = new Tickets(store, stream, config.clock());
        // Each turn thread first runs the host's set-up (the console lowers their scheduling class: see EngineConfig).
        this.turns = Executors.newFixedThreadPool(config.workers(), named("opsdeck-turn"));
        this.timer = Executors.newSingleThreadScheduledExecutor(named("opsdeck-timer"));
        Reasoner rules = new OfflineRules(config.world(), config.metrics());
        this.ctx = new FlowContext(store, tickets, stream, config.world(),
                config.reasoner() == null ? rules : config.reasoner(), rules, turns, timer, config.signOffDeadline(),
                config.tokenCap(), config.metrics());
        this.simulation = new Simulation(config.world(), stream, timer, config.ambientEvery());
        this.room = new RoomWatch(store, stream, timer, this::roomAgain);
    }

    /**
     * Opens the store and resumes every flow an earlier run left unfinished.
     *
     * @throws dev.opsdeck.engine.store.StoreException if the data file cannot be used
     */
    public static Engine start(EngineConfig config) {
        Engine engine = new Engine(config);
        engine.resumeUnfinished();
        if (engine.store.shared()) {
            engine.team = Team.join(engine, engine.store, engine.tickets);
        }
        return engine;
    }

    /** Flows that had started resume; tickets that were still waiting for a slot wait again, in their order. */
    private synchronized void resumeUnfinished() {
        for (Ticket t : tickets.all()) {
            if (!t.status().terminal() && store.lease(t.id())) {
                resume(t);
            }
        }
        startWaiting();
    }

    /** Picks up a ticket whose flow this server now holds: it starts again from its journal, or waits for a slot. */
    private void resume(Ticket t) {
        if (t.alert() != null && !store.hasChannels(t.id())) {
            waiting.add(t.id());
        } else {
            Flow flow = newFlow(t.id(), incidentOf(t));
            turns.execute(flow::resume);
        }
    }

    /**
     * Takes over the flow of a ticket whose server died (team mode; this server already holds its lease and has
     * read the log to its end): it goes on from its journal here, a pending sign-off still pending.
     */
    synchronized boolean takeOver(String ticketId) {
        Optional<Ticket> stored = store.ticket(ticketId);
        if (stored.isEmpty() || stored.get().status().terminal() || flows.containsKey(ticketId)
                || waiting.contains(ticketId) || tickets.get(ticketId).isEmpty()) {
            return false;
        }
        stream.publish(new EngineEvent.LogLine("opsdeck", ticketId + " taken over by " + instance
                + ": the server that ran its flow stopped", Level.WARN));
        resume(tickets.get(ticketId).get());
        startWaiting();
        return true;
    }

    /**
     * The database session holding this server's leases was lost, and with it the leases: another server may take
     * these flows over at any moment, so they stop here now, recording nothing, and go on from their journals on
     * whichever server leases them next (this one too, once its new session has them).
     */
    synchronized void leasesLost() {
        List<String> stopped = new ArrayList<>(flows.keySet());
        stopped.addAll(waiting);
        for (Flow flow : flows.values()) {
            flow.halt();
        }
        flows.clear();
        waiting.clear();
        log.error("lost the database session holding this server's leases; {} flow(s) stopped here: {}",
                stopped.size(), stopped);
        stream.publish(new EngineEvent.ErrorReported("store", "this server lost its database session and with it "
                + "the leases of " + stopped.size() + " flow(s) (" + String.join(", ", stopped) + "): they stopped "
                + "here and go on from their journals on whichever server leases them next"));
    }

    /** Whether this server runs (or queues) the flow of a ticket. */
    boolean runsFlowOf(String ticketId) {
        return flows.containsKey(ticketId) || waiting.contains(ticketId);
    }

    /** Another server of the team took an answer for a sign-off: applied here if this server runs its flow. */
    void answeredElsewhere(String channelId) {
        Flow flow = flows.get(Flow.ticketIdOf(channelId));
        if (flow != null) {
            flow.takeClaimed();
        }
    }

    /** The flows here with a sign-off pending: the team checks whether another server took an answer for them. */
    List<Flow> awaitingSignOff() {
        return flows.values().stream().filter(f -> f.pendingSignOff() != null).toList();
    }

    private Incident incidentOf(Ticket t) {
        Incident known = config.world().incidentFor(t.system(), t.issue());
        if (!known.isCustom() || t.alert() == null) {
            return measured(known);
        }
        return measured(Incident.alerted(t.system(), t.issue(), t.sev(),
                AlertMapping.description(t.alert().annotations()), t.alert().line()));
    }

    /** A system Prometheus covers gets the toolset's probe names in its kickoff, for a model to choose from. */
    private Incident measured(Incident incident) {
        return config.metrics().covers(config.world(), incident)
                ? incident.withKickoffNote(config.metrics().kickoffNote(incident.system())) : incident;
    }

    /**
     * Runs inside the ending flow's lock, so the waiting ticket is started from the timer thread: taking the
     * engine's lock here could deadlock with a reset, which holds it while it cancels flows.
     */
    private void slotFreed(String ticketId) {
        Flow ended = flows.remove(ticketId);
        if (ended != null && store.shared()) {
            // Released once the flow's step, and so its terminal status, is recorded: a server that then takes the
            // lease finds the ticket ended, never half-way.
            timer.execute(() -> ended.settled(() -> store.release(ticketId)));
        }
        if (!waiting.isEmpty()) {
            try {
                timer.execute(this::startWaiting);
            } catch (RejectedExecutionException e) {
                log.debug("engine closing: {} waiting ticket(s) start at the next run", waiting.size());
            }
        }
    }

    /** Starts waiting tickets while there are slots; a ticket leaves the queue only once its start is recorded. */
    private synchronized void startWaiting() {
        if (!waiting.isEmpty()) {
            store.exclusively(() -> {
                startWaitingAdmitted();
                return null;
            });
        }
    }

    private void startWaitingAdmitted() {
        while (room.problem().isEmpty() && running() < config.maxFlows() && !waiting.isEmpty()) {
            String id = waiting.peek();
            Optional<Ticket> t = tickets.get(id);
            if (t.isPresent() && !t.get().status().terminal()) {
                Ticket started;
                try {
                    started = tickets.change(id, x -> x.withNote(Ticket.STARTED_NOTE));
                } catch (StoreException e) {
                    if (!e.retryable()) {
                        throw e;
                    }
                    room.noRoom(e.getMessage()); // it stays first in line; the room probe starts it again
                    return;
                }
                Flow flow = newFlow(started.id(), incidentOf(started));
                turns.execute(flow::resume);
            }
            waiting.remove(id);
        }
    }

    /**
     * Takes one webhook delivery, already parsed: tickets for new firing alerts, history lines for repeats and
     * resolutions, all written in one transaction before this returns. Beyond the flow cap a new ticket waits for
     * a slot (its history says so) instead of being refused; nothing accepted is dropped.
     */
    public synchronized AlertReceipt receiveAlerts(List<AlertNotice> notices) {
        return store.exclusively(() -> receiveAdmitted(notices));
    }

    private AlertReceipt receiveAdmitted(List<AlertNotice> notices) {
        AlertPlan plan = AlertPlan.of(notices, tickets::forAlert);
        int free = Math.max(0, config.maxFlows() - open());
        List<Tickets.Opening> openings = new ArrayList<>();
        for (Tickets.Opening o : plan.openings()) {
            openings.add(openings.size() < free ? o
                    : o.noting(Ticket.WAITING_NOTE + " (" + config.maxFlows() + " flows at once)"));
        }
        List<Ticket> opened;
        try {
            opened = tickets.record(openings, plan.changes());
        } catch (StoreException e) {
            if (e.retryable()) {
                room.noRoom(e.getMessage()); // unhealthy until a write goes through; the sender retries the delivery
            }
            throw e;
        }
        for (int i = 0; i < opened.size(); i++) {
            Ticket t = opened.get(i);
            if (i < free) {
                Flow flow = newFlow(t.id(), incidentOf(t));
                turns.execute(flow::start);
            } else {
                waiting.add(t.id());
            }
        }
        // A flow that ended while this delivery was planned found no one waiting yet: its slot is taken up here.
        startWaitingAdmitted();
        return plan.receipt(opened.stream().map(Ticket::id).toList());
    }

    /** Flows running and tickets waiting for one: on every server of a team when the store is shared. */
    private int open() {
        return store.shared() ? store.openTickets(false) : flows.size() + waiting.size();
    }

    /** Flows running: on every server of a team when the store is shared. */
    private int running() {
        return store.shared() ? store.openTickets(true) : flows.size();
    }

    /** Alert tickets waiting for a flow slot. */
    public int waitingTickets() {
        return waiting.size();
    }

    private Flow newFlow(String ticketId, Incident incident) {
        Flow flow = new Flow(ticketId, incident, ctx, () -> slotFreed(ticketId), why -> held(ticketId, why));
        flows.put(ticketId, flow);
        return flow;
    }

    /** A flow stopped because a write found no room: it leaves the running flows until the store has room. */
    private void held(String ticketId, String why) {
        flows.remove(ticketId);
        room.held(ticketId, why);
    }

    /** The store takes writes again: the held flows resume from their journals, as after a restart. */
    private void roomAgain(List<String> resumed) {
        for (String id : resumed) {
            tickets.get(id).ifPresent(t -> {
                Flow flow = newFlow(id, incidentOf(t));
                turns.execute(flow::resume);
            });
        }
        startWaiting();
    }

    /** This server's name among the servers sharing its store. */
    public String instance() {
        return instance;
    }

    /** Whether other servers share this engine's store (team mode). */
    public boolean inTeam() {
        return store.shared();
    }

    /** Where this engine runs, as the console's top bar and {@code /healthz} name it: its store, its team name. */
    public String whereabouts() {
        return store.shared() ? storeName() + " · team server " + instance : storeName();
    }

    /** Where the tickets are kept, as the operator reads it: the data file, or the database (never its password). */
    public String storeName() {
        return store.toString();
    }

    /** Why the engine is not healthy (the store takes no writes), or empty when it is. */
    public Optional<String> problem() {
        return room.problem();
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
        if (room.problem().isPresent()) {
            return refuse(injection.resolve(config.world()).key(), "not started: " + room.problem().get());
        }
        try {
            return store.exclusively(() -> injectAdmitted(measured(injection.resolve(config.world()))));
        } catch (StoreException e) {
            if (!e.retryable()) {
                throw e;
            }
            room.noRoom(e.getMessage());
            return refuse(injection.resolve(config.world()).key(), "not started: " + room.problem().orElse(""));
        }
    }

    /** Debounce and cap (across the team when the store is shared, under its admission lock), then the ticket. */
    private InjectResult injectAdmitted(Incident incident) {
        String key = incident.debounceKey();
        double now = tickets.now();
        java.util.OptionalDouble last = store.lastInject(key);
        if (last.isPresent() && now - last.getAsDouble() < config.debounce().toMillis() / 1000.0) {
            return refuse(incident.key(), "debounced — injected a moment ago");
        }
        if (open() >= config.maxFlows()) {
            return refuse(incident.key(), "at concurrency cap (" + config.maxFlows() + " flows running)");
        }
        store.injected(key, now);
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
     * The operator's sign-off for the remediation on {@code channelId}, in words (a client's {@code hitl_response}):
     * {@code null} or blank declines; words are read failing safe ({@link Outcome#read}), and words that say neither
     * yes, wait nor no are refused with how to answer, leaving the sign-off pending. The first answer wins; a later
     * one, or one for a channel with nothing pending, is refused with the reason.
     */
    public Answer answer(String channelId, String decision, String by) {
        Optional<Outcome> verdict = Outcome.read(decision);
        if (verdict.isEmpty()) {
            return Answer.refused("unclear sign-off \"" + clip(decision) + "\": " + Outcome.HOW_TO_ANSWER
                    + ". The sign-off is still pending.");
        }
        return deliver(channelId, verdict.get(), decision, by);
    }

    /**
     * A client's decision in words with a note beside it ({@code hitl_response} with {@code note}): the decision's
     * words are read as always, and only they decide; the note goes with the verdict, whatever its words say.
     */
    public Answer answer(String channelId, String decision, String note, String by) {
        Optional<Outcome> verdict = Outcome.read(decision);
        if (verdict.isPresent() && verdict.get() != Outcome.DECLINED) {
            return answer(channelId, verdict.get(), note, by);
        }
        return answer(channelId, decision, by);
    }

    /**
     * The operator's explicit verdict (a button in the console), with an optional note to the fixers; the verdict
     * decides, never the note's words.
     */
    public Answer answer(String channelId, Outcome verdict, String note, String by) {
        if (verdict != Outcome.APPROVED && verdict != Outcome.DEFERRED && verdict != Outcome.REJECTED) {
            throw new IllegalArgumentException("an operator approves, defers or rejects, not " + verdict);
        }
        return deliver(channelId, verdict, Texts.decision(verdict, note), by);
    }

    private Answer deliver(String channelId, Outcome verdict, String decision, String by) {
        Flow flow = channelId == null ? null : flows.get(Flow.ticketIdOf(channelId));
        if (flow != null && flow.pendingSignOff(channelId)) {
            return flow.answer(channelId, verdict, decision, by);
        }
        // In a team the flow may run on another server: the first claim in the store is the answer, and the server
        // that runs the flow is woken to apply it.
        try {
            if (channelId != null && store.shared()
                    && store.claimAnswer(channelId, verdict, decision, by, tickets.now())) {
                return Answer.taken();
            }
        } catch (StoreException e) {
            if (!e.retryable()) {
                throw e;
            }
            room.noRoom(e.getMessage());
            return Answer.refused("the answer could not be recorded: the store takes no writes; the sign-off is "
                    + "asked again once it does");
        }
        return Answer.refused("no pending sign-off on channel " + channelId + " (unknown, or already answered)");
    }

    private static String clip(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "…";
    }

    /** Resets, then starts the ambient simulation. */
    public synchronized void startSimulation() {
        reset();
        simulation.start();
    }

    /** Starts the ambient simulation where the view stands (the console's switch: its tickets stay). */
    public synchronized void resumeSimulation() {
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
        cancelAll();
        tickets.reset();
    }

    /** Another server of the team reset the view: the flows here end as by a reset here, then the view clears. */
    synchronized void resetElsewhere(EngineEvent.Reset reset) {
        cancelAll();
        tickets.recorded(reset);
    }

    private void cancelAll() {
        for (Flow flow : List.copyOf(flows.values())) {
            flow.cancel();
        }
        for (String id = waiting.poll(); id != null; id = waiting.poll()) {
            String waited = id;
            tickets.get(id).ifPresent(t -> tickets.change(waited, x -> x.withStatus(Status.NEEDS_FOLLOWUP,
                    "cancelled by a reset while waiting for a flow slot")));
        }
    }

    public List<Ticket> tickets() {
        return tickets.all();
    }

    /** The tickets earlier resets archived, oldest first: kept, never in view again, still readable. */
    public List<Ticket> archivedTickets() {
        java.util.Set<String> inView = new java.util.HashSet<>();
        tickets.all().forEach(t -> inView.add(t.id()));
        return store.tickets(true).stream().filter(t -> !inView.contains(t.id())).toList();
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
        if (team != null) {
            team.leave();
        }
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

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
