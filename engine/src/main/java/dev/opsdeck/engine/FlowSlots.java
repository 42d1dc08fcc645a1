package dev.opsdeck.engine;

import dev.opsdeck.engine.alert.AlertMapping;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.EventStream;
import dev.opsdeck.engine.event.Level;
import dev.opsdeck.engine.flow.Flow;
import dev.opsdeck.engine.flow.FlowContext;
import dev.opsdeck.engine.store.Store;
import dev.opsdeck.engine.store.StoreException;
import dev.opsdeck.engine.ticket.Status;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.ticket.Tickets;
import dev.opsdeck.engine.world.Incident;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's flow slots: the flows this server runs, at most {@link EngineConfig#maxFlows()} at once (across the
 * team when the store is shared), and the alert tickets waiting for a slot, oldest first. A flow that ends, or is
 * held because the store has no room, frees its slot for the first ticket waiting.
 *
 * <p>One lock, the engine's: the {@link Engine} instance is the monitor its {@code synchronized} entry points hold.
 * Methods marked "under the engine's lock" are called only from those; {@code resumeUnfinished} and
 * {@code startWaiting} take it themselves, since the timer thread enters them too. The others take none:
 * {@code slotFreed} and {@code held} run inside an ending flow's lock (see {@code slotFreed} for why that must not
 * take the engine's), and the flows and the queue are concurrent collections, read without it by the team's
 * look-ups and by answers.
 */
final class FlowSlots {

    /** Logged under the engine's name, as before the slots had a class of their own. */
    private static final Logger log = LoggerFactory.getLogger(Engine.class);

    private final Object engineLock;
    private final EngineConfig config;
    private final Store store;
    private final Tickets tickets;
    private final EventStream stream;
    private final ExecutorService turns;
    private final ScheduledExecutorService timer;
    private final FlowContext ctx;
    /** This server's name in a team: on the events it logs. */
    private final String instance;
    private final Map<String, Flow> flows = new ConcurrentHashMap<>();
    /** Alert tickets beyond the flow cap, oldest first: each starts when a flow ends. */
    private final Queue<String> waiting = new ConcurrentLinkedQueue<>();
    private final RoomWatch room;

    /** @param engineLock the engine's monitor: the one lock that orders admission, resets and starting flows */
    FlowSlots(Object engineLock, EngineConfig config, FlowContext ctx, String instance) {
        this.engineLock = engineLock;
        this.config = config;
        this.store = ctx.store();
        this.tickets = ctx.tickets();
        this.stream = ctx.stream();
        this.turns = ctx.turns();
        this.timer = ctx.timer();
        this.ctx = ctx;
        this.instance = instance;
        this.room = new RoomWatch(store, stream, timer, this::roomAgain);
    }

    /** The store's room: a flow held for want of it takes its slot back once the store takes writes again. */
    RoomWatch room() {
        return room;
    }

    /** Flows that had started resume; tickets that were still waiting for a slot wait again, in their order. */
    void resumeUnfinished() {
        synchronized (engineLock) {
            for (Ticket t : tickets.all()) {
                if (!t.status().terminal() && store.lease(t.id())) {
                    resume(t);
                }
            }
            startWaiting();
        }
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
     * read the log to its end): it goes on from its journal here, a pending sign-off still pending. Under the
     * engine's lock.
     */
    boolean takeOver(String ticketId) {
        Optional<Ticket> stored = store.ticket(ticketId);
        if (stored.isEmpty() || stored.get().status().terminal() || flows.containsKey(ticketId)
                || waiting.contains(ticketId) || tickets.get(ticketId).isEmpty()) {
            return false;
        }
        stream.publish(new EngineEvent.LogLine("opsdeck", ticketId + " taken over by " + instance
                + ": its lease was free (the server that ran its flow stopped, or lost its database session)",
                Level.WARN));
        resume(tickets.get(ticketId).get());
        startWaiting();
        return true;
    }

    /**
     * The database session holding this server's leases was lost, and with it the leases: another server may take
     * these flows over at any moment, so they stop here now, recording nothing, and go on from their journals on
     * whichever server leases them next (this one too, once its new session has them). Under the engine's lock.
     */
    void leasesLost() {
        List<String> stopped = new ArrayList<>(flows.keySet());
        stopped.addAll(waiting);
        for (Flow flow : flows.values()) {
            flow.halt(); // under its lock: once this returns, the flow writes nothing more
        }
        flows.clear();
        waiting.clear();
        for (String id : stopped) {
            store.release(id); // lost with the session: forgotten here, free for whoever takes it next
        }
        if (stopped.isEmpty()) {
            log.warn("lost the database session holding this server's leases; no flow ran here");
            return;
        }
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

    /** The flow running here for the ticket of {@code channelId}, or null (none here, or no channel). */
    Flow flowOf(String channelId) {
        return channelId == null ? null : flows.get(Flow.ticketIdOf(channelId));
    }

    /** Another server of the team took an answer for a sign-off: applied here if this server runs its flow. */
    void answeredElsewhere(String channelId) {
        Flow flow = flowOf(channelId);
        if (flow != null) {
            onTurnPool(flow::takeClaimed);
        }
    }

    /** Every flow here looks whether another server took an answer for its pending sign-off (a missed wake-up). */
    void lookForAnswers() {
        flows.values().forEach(flow -> onTurnPool(flow::takeClaimed));
    }

    /** On the turn pool: the team's thread must never wait for a flow's lock, or everything read after it waits. */
    private void onTurnPool(Runnable work) {
        try {
            turns.execute(work);
        } catch (RejectedExecutionException closing) {
            log.debug("engine closing: an answer taken elsewhere is applied at the next start");
        }
    }

    Incident incidentOf(Ticket t) {
        Incident known = config.world().incidentFor(t.system(), t.issue());
        if (!known.isCustom() || t.alert() == null) {
            return measured(known);
        }
        return measured(Incident.alerted(t.system(), t.issue(), t.sev(),
                AlertMapping.description(t.alert().annotations()), AlertMapping.brief(t.alert())));
    }

    /** A system Prometheus covers gets the toolset's probe names in its kickoff, for a model to choose from. */
    Incident measured(Incident incident) {
        return config.metrics().covers(config.world(), incident)
                ? incident.withKickoffNote(config.metrics().kickoffNote(incident.system())) : incident;
    }

    /**
     * Runs inside the ending flow's lock, so the waiting ticket is started from the timer thread: taking the
     * engine's lock here could deadlock with a reset, which holds it while it cancels flows.
     */
    private void slotFreed(String ticketId, Flow self) {
        // Only the flow's own slot: a flow stopped by fencing may end after this server took the ticket over again.
        boolean mine = flows.remove(ticketId, self);
        if (mine && store.shared()) {
            // Released once the flow's step, and so its terminal status, is recorded: a server that then takes the
            // lease finds the ticket ended, never half-way.
            try {
                timer.execute(() -> self.settled(() -> store.release(ticketId)));
            } catch (RejectedExecutionException e) {
                log.debug("engine closing: the lease of {} goes with its session", ticketId);
            }
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
    void startWaiting() {
        synchronized (engineLock) {
            if (!waiting.isEmpty()) {
                store.exclusively(() -> {
                    startWaitingAdmitted();
                    return null;
                });
            }
        }
    }

    /** {@link #startWaiting}'s work, for a caller that holds the engine's lock and the store's admission lock. */
    void startWaitingAdmitted() {
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

    /** Starts the flow of a ticket just opened, in a free slot (admitted: under the engine's and the store's lock). */
    void start(String ticketId, Incident incident) {
        Flow flow = newFlow(ticketId, incident);
        turns.execute(flow::start);
    }

    /** Queues a ticket just opened beyond the cap, behind those waiting already (admitted, as {@link #start}). */
    void queue(String ticketId) {
        waiting.add(ticketId);
    }

    /** Flows running and tickets waiting for one: on every server of a team when the store is shared. */
    int open() {
        return store.shared() ? store.openTickets(false) : flows.size() + waiting.size();
    }

    /** Flows running: on every server of a team when the store is shared. */
    private int running() {
        return store.shared() ? store.openTickets(true) : flows.size();
    }

    /** Flows running on this server. */
    int runningHere() {
        return flows.size();
    }

    /** Alert tickets waiting here for a flow slot. */
    int waitingHere() {
        return waiting.size();
    }

    private Flow newFlow(String ticketId, Incident incident) {
        Flow[] self = new Flow[1];
        Flow flow = new Flow(ticketId, incident, ctx, () -> slotFreed(ticketId, self[0]), why -> held(ticketId, why));
        self[0] = flow;
        flows.put(ticketId, flow);
        return flow;
    }

    /** A flow stopped because a write found no room: it leaves the running flows until the store has room. */
    private void held(String ticketId, String why) {
        flows.remove(ticketId);
        room.held(ticketId, why);
    }

    /**
     * Where held flows go on once the store takes writes again: at once on a server of its own; in a team, after the
     * team's log was next read to its end, since a write whose commit lost its answer may have gone through.
     */
    private volatile java.util.function.Consumer<Runnable> afterLogRead = Runnable::run;

    void resumeAfterLogRead(java.util.function.Consumer<Runnable> afterLogRead) {
        this.afterLogRead = afterLogRead;
    }

    /** The store takes writes again: the held flows resume from their journals, as after a restart. */
    private void roomAgain(List<String> resumed) {
        afterLogRead.accept(() -> resumeHeld(resumed));
    }

    private void resumeHeld(List<String> resumed) {
        synchronized (engineLock) {
            for (String id : resumed) {
                // In a team the lease may have moved on while the flow was held (or been lost with its session, then
                // taken again here): only a flow whose lease this server still holds, and runs no other way, resumes.
                if (runsFlowOf(id)) {
                    continue;
                }
                if (!store.holdsLease(id)) {
                    store.release(id);
                    log.warn("{} not resumed here: this server no longer holds its lease", id);
                    continue;
                }
                tickets.get(id).filter(t -> !t.status().terminal()).ifPresent(t -> {
                    Flow flow = newFlow(id, incidentOf(t));
                    turns.execute(flow::resume);
                });
            }
        }
        startWaiting();
    }

    /** Every flow cancelled, every waiting ticket ended: a reset, here or elsewhere. Under the engine's lock. */
    void cancelAll() {
        for (Flow flow : List.copyOf(flows.values())) {
            flow.cancel();
        }
        for (String id = waiting.poll(); id != null; id = waiting.poll()) {
            String waited = id;
            tickets.get(id).ifPresent(t -> tickets.change(waited, x -> x.withStatus(Status.NEEDS_FOLLOWUP,
                    "cancelled by a reset while waiting for a flow slot")));
        }
    }

    /** Stops every flow where its journal stands, recording nothing more: the engine closes. */
    void halt() {
        for (Flow flow : flows.values()) {
            flow.halt();
        }
    }
}
