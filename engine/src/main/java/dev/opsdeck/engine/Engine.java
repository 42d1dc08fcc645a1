package dev.opsdeck.engine;

import dev.opsdeck.engine.alert.AlertNotice;
import dev.opsdeck.engine.alert.AlertReceipt;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.EventStream;
import dev.opsdeck.engine.event.Outcome;
import dev.opsdeck.engine.event.Subscriber;
import dev.opsdeck.engine.event.Subscription;
import dev.opsdeck.engine.flow.Answer;
import dev.opsdeck.engine.flow.Flow;
import dev.opsdeck.engine.flow.FlowContext;
import dev.opsdeck.engine.flow.SentBack;
import dev.opsdeck.engine.flow.Texts;
import dev.opsdeck.engine.reasoning.Reasoner;
import dev.opsdeck.engine.reasoning.offline.OfflineRules;
import dev.opsdeck.engine.store.Store;
import dev.opsdeck.engine.store.StoreException;
import dev.opsdeck.engine.ticket.Act;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.ticket.Tickets;
import dev.opsdeck.engine.world.World;
import java.util.List;
import java.util.Optional;
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
 *
 * <p>It composes {@link Admission} (which incidents become tickets), {@link FlowSlots} (the flows running here and
 * the tickets waiting for a slot), {@link RoomWatch} and, in team mode, {@link Team}. Its monitor is the one lock
 * they share: its {@code synchronized} methods hold it, and the slots take it when the timer thread starts flows.
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
    /** This server's name in a team: on the events it logs, in its health. */
    private final String instance;
    private volatile Team team;
    private final FlowSlots slots;
    private final Admission admission;
    private final RoomWatch room;
    private final RequestKeys requestKeys;
    private final Notices notices;
    private final dev.opsdeck.engine.presence.Presence presence;

    private Engine(EngineConfig config) {
        this.config = config;
        this.store = Store.of(config.dataDir(), config.database());
        this.instance = Team.instanceName();
        store.holder(instance);
        this.stream = new EventStream(config.clock(), config.retain(), events -> store.record(instance, events));
        this.tickets = new Tickets(store, stream, config.clock());
        this.turns = Executors.newFixedThreadPool(config.workers(), named("opsdeck-turn"));
        this.timer = Executors.newSingleThreadScheduledExecutor(named("opsdeck-timer"));
        Reasoner rules = new OfflineRules(config.world(), config.metrics());
        this.ctx = new FlowContext(store, tickets, stream, config.world(),
                config.reasoner() == null ? rules : config.reasoner(), rules, turns, timer, config.signOffDeadline(),
                config.tokenCap(), config.metrics(), config.runbook(), config.executor());
        this.simulation = new Simulation(config.world(), stream, timer, config.ambientEvery());
        this.slots = new FlowSlots(this, config, ctx, instance);
        this.room = slots.room();
        this.admission = new Admission(config, store, tickets, stream, slots);
        this.requestKeys = new RequestKeys(store, config.clock());
        this.notices = new Notices(store, config.clock(), instance);
        this.presence = new dev.opsdeck.engine.presence.Presence(instance, tickets::now, timer);
    }

    /** Outbound notifications, claimed in the store so that a team sends each once. */
    public Notices notices() {
        return notices;
    }

    /** Clients' idempotency keys, kept in the store (team-wide in a team). */
    public RequestKeys requestKeys() {
        return requestKeys;
    }

    /**
     * Opens the store and resumes every flow an earlier run left unfinished.
     *
     * @throws dev.opsdeck.engine.store.StoreException if the data file cannot be used
     */
    public static Engine start(EngineConfig config) {
        Engine engine = new Engine(config);
        engine.slots.resumeUnfinished();
        if (engine.store.shared()) {
            engine.team = Team.join(engine, engine.store, engine.tickets);
            engine.slots.resumeAfterLogRead(engine.team::afterNextRead);
        }
        return engine;
    }

    /** This server's name among the servers sharing its store. */
    public String instance() {
        return instance;
    }

    /** In team mode, the team's shared log in its one order (see {@link TeamLog}); empty on a server of its own. */
    public Optional<TeamLog> teamLog() {
        Team t = team;
        return t == null ? Optional.empty() : Optional.of(t.log());
    }

    /**
     * Who is connected, to this server and (in a team) to any other: the bridge tells it its clients, and hears the
     * team's list from it.
     */
    public dev.opsdeck.engine.presence.Presence presence() {
        return presence;
    }

    private volatile AckReminder ackReminder;

    /**
     * Reminds once (an {@link EngineEvent.AckOverdue}) when a SEV1 is still not acknowledged {@code after} it
     * opened, looked at every second by the engine's clock; {@link Duration#ZERO} (the default) reminds never. Call
     * once, after {@link #start}.
     */
    public synchronized void remindUnacknowledged(java.time.Duration after) {
        if (after.isZero() || after.isNegative() || ackReminder != null) {
            return;
        }
        ackReminder = new AckReminder(tickets, store, this::runsFlowOf, after);
        timer.scheduleWithFixedDelay(this::checkAcks, 1, 1, TimeUnit.SECONDS);
    }

    /** The reminder's look, now (its timer calls it every second; a test may call it after moving the clock). */
    int checkAcks() {
        AckReminder r = ackReminder;
        try {
            return r == null ? 0 : r.check();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(Engine.class).error("the acknowledgement reminder failed", e);
            return 0;
        }
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

    /**
     * Why the engine is not healthy (the store takes no writes), or empty when it is. A team's database out of reach
     * comes first: it is why its writes fail too, and which of the two was noticed first is only timing.
     */
    public Optional<String> problem() {
        Team t = team;
        Optional<String> unreachable = t == null ? Optional.empty() : t.problem();
        return unreachable.isPresent() ? unreachable : this.room.problem();
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
        return admission.inject(injection);
    }

    /** Injects the system and issue of the newest non-duplicate ticket again, so diagnosis finds it a duplicate. */
    public synchronized InjectResult injectRepeat() {
        return admission.injectRepeat();
    }

    /**
     * Takes one webhook delivery, already parsed: tickets for new firing alerts, history lines for repeats and
     * resolutions, all written in one transaction before this returns. Beyond the flow cap a new ticket waits for
     * a slot (its history says so) instead of being refused; nothing accepted is dropped.
     */
    public synchronized AlertReceipt receiveAlerts(List<AlertNotice> notices) {
        return admission.receive(notices);
    }

    /**
     * The operator's sign-off for the remediation on {@code channelId}, in words (a client's {@code hitl_response}):
     * {@code null} or blank declines; words are read failing safe ({@link Outcome#read}), and words that say neither
     * yes, wait nor no are refused with how to answer, leaving the sign-off pending. The first answer wins; a later
     * one, or one for a channel with nothing pending, is refused with the reason.
     */
    public Answer answer(String channelId, String decision, String by) {
        return answer(channelId, decision, null, by, null);
    }

    /**
     * A client's decision in words with a note beside it ({@code hitl_response} with {@code note}): the decision's
     * words are read as always, and only they decide; the note goes with the verdict, whatever its words say.
     */
    public Answer answer(String channelId, String decision, String note, String by) {
        return answer(channelId, decision, note, by, null);
    }

    /**
     * As {@link #answer(String, String, String, String)} (a blank {@code note}: none), with the client's id for its
     * request ({@code request_id}, may be null), which the {@code hitl_resolved} of a taken answer carries back.
     */
    public Answer answer(String channelId, String decision, String note, String by, String requestId) {
        Optional<Outcome> verdict = Outcome.read(decision);
        if (verdict.isEmpty()) {
            return Answer.refused("unclear sign-off \"" + clip(decision) + "\": " + Outcome.HOW_TO_ANSWER
                    + ". The sign-off is still pending.");
        }
        if (note != null && !note.isBlank() && verdict.get() != Outcome.DECLINED) {
            return deliver(channelId, verdict.get(), Texts.decision(verdict.get(), note), by, requestId);
        }
        return deliver(channelId, verdict.get(), decision, by, requestId);
    }

    /**
     * The operator's explicit verdict (a button in the console), with an optional note to the fixers; the verdict
     * decides, never the note's words.
     */
    public Answer answer(String channelId, Outcome verdict, String note, String by) {
        if (verdict != Outcome.APPROVED && verdict != Outcome.DEFERRED && verdict != Outcome.REJECTED) {
            throw new IllegalArgumentException("an operator approves, defers or rejects, not " + verdict);
        }
        return deliver(channelId, verdict, Texts.decision(verdict, note), by, null);
    }

    /**
     * Feedback instead of a verdict ("not db-02"): nothing of the proposal runs, and Remediation proposes again with
     * the feedback, for a sign-off of its own on the next round's channel. Refused past {@link
     * dev.opsdeck.engine.flow.Rounds#MAX_REQUESTS} per ticket, or for feedback with no text.
     */
    public Answer requestChanges(String channelId, String feedback, String by) {
        return requestChanges(channelId, feedback, by, null);
    }

    /** As above, {@code requestId} told with the sign-off's end ({@code hitl_resolved.request_id}) when taken here. */
    public Answer requestChanges(String channelId, String feedback, String by, String requestId) {
        return sendBack(channelId, t -> SentBack.changes(store, t, feedback), by, requestId);
    }

    /** Another runbook action that fits the ticket instead of the proposal: dry-run and shown for its own sign-off. */
    public Answer override(String channelId, String action, String note, String by) {
        return override(channelId, action, note, by, null);
    }

    public Answer override(String channelId, String action, String note, String by, String requestId) {
        return sendBack(channelId, t -> SentBack.override(store, config.runbook(), t, action, note), by, requestId);
    }

    /**
     * A step {@code by} did by hand ({@code action}: the fitting runbook action it stands for, or null): nothing of
     * the proposal runs; the ticket keeps the step as theirs and closes Resolved only if the signal is seen to clear.
     */
    public Answer doneByHand(String channelId, String action, String note, String by) {
        return doneByHand(channelId, action, note, by, null);
    }

    public Answer doneByHand(String channelId, String action, String note, String by, String requestId) {
        return sendBack(channelId, t -> SentBack.byHand(config.runbook(), t, action, note), by, requestId);
    }

    /** The runbook actions that fit a ticket now (an override chooses among them); empty for an unknown ticket. */
    public List<dev.opsdeck.engine.runbook.Proposal> fittingActions(String ticketId) {
        return tickets.get(ticketId).map(t -> SentBack.fitting(config.runbook(), t)).orElse(List.of());
    }

    /**
     * The channel whose sign-off a ticket waits for (its newest remediation round), or empty when none waits. In a
     * team the flow may run on another server: the store's newest remediation channel is the one.
     */
    public Optional<String> signOffChannel(String ticketId) {
        Optional<Ticket> t = tickets.get(ticketId);
        if (t.isEmpty() || !t.get().needsHuman()) {
            return Optional.empty();
        }
        return store.channels(ticketId).stream().filter(c -> c.stage() == dev.opsdeck.engine.workflow.Stage.REMEDIATION
                && c.closedReason() == null).map(Store.ChannelRecord::id).reduce((a, b) -> b);
    }

    private Answer sendBack(String channelId, java.util.function.Function<Ticket, SentBack.Claim> claim, String by,
            String requestId) {
        Optional<Ticket> t = channelId == null ? Optional.empty() : tickets.get(Flow.ticketIdOf(channelId));
        if (t.isEmpty()) {
            return Answer.refused("no pending sign-off on channel " + channelId + " (unknown, or already answered)");
        }
        SentBack.Claim c = claim.apply(t.get());
        if (c.refused()) {
            return Answer.refused(c.refusal());
        }
        return deliver(channelId, c.outcome(), c.decision(), by, requestId);
    }

    private Answer deliver(String channelId, Outcome verdict, String decision, String by) {
        return deliver(channelId, verdict, decision, by, null);
    }

    private Answer deliver(String channelId, Outcome verdict, String decision, String by, String requestId) {
        // A server cut off from the team's database takes no answer: refused now, never kept to be applied later.
        if (team != null && team.problem().isPresent()) {
            return Answer.refused(Texts.NOT_RECORDED_TEAM);
        }
        Flow flow = slots.flowOf(channelId);
        if (flow != null && flow.pendingSignOff(channelId)) {
            return flow.answer(channelId, verdict, decision, by, requestId);
        }
        // In a team the flow may run on another server: the first claim in the store is the answer, and the server
        // that runs the flow is woken to apply it.
        try {
            if (channelId != null && store.shared()
                    && store.claimAnswer(channelId, verdict, decision, by, requestId, tickets.now())) {
                return Answer.taken();
            }
        } catch (StoreException e) {
            if (!e.retryable()) {
                throw e;
            }
            room.noRoom(e.getMessage());
            return Answer.refused(Texts.NOT_RECORDED_TEAM);
        }
        return Answer.refused("no pending sign-off on channel " + channelId + " (unknown, or already answered)");
    }

    /** {@code by} takes a ticket ("I'm on it"): everyone is told; a second person is refused, naming the first. */
    public Act acknowledge(String ticketId, String by, String requestId) {
        return act(() -> tickets.acknowledge(ticketId, by, requestId));
    }

    /** {@code by} comments on a ticket: plain text, cleaned and bounded ({@link dev.opsdeck.engine.ticket.Remarks}). */
    public Act comment(String ticketId, String by, String text, String requestId) {
        return act(() -> tickets.comment(ticketId, by, text, requestId));
    }

    // A person's act is kept or refused now, never kept to be written later: as for an answer.
    private Act act(java.util.function.Supplier<Act> act) {
        if (team != null && team.problem().isPresent()) {
            return Act.refused(Act.Result.UNAVAILABLE, Texts.NOT_RECORDED_TEAM);
        }
        try {
            return act.get();
        } catch (StoreException e) {
            if (e.retryable()) {
                room.noRoom(e.getMessage());
            }
            return Act.refused(Act.Result.UNAVAILABLE, "not recorded: " + e.getMessage());
        }
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
        slots.cancelAll();
        tickets.reset();
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
        return slots.runningHere();
    }

    /** Alert tickets waiting for a flow slot. */
    public int waitingTickets() {
        return slots.waitingHere();
    }

    /** The journal of one channel, oldest first. */
    public List<dev.opsdeck.engine.workflow.Envelope> journal(String channelId) {
        return store.journal(channelId);
    }

    /** Live events from now on. */
    public Subscription subscribe(String name, Subscriber subscriber) {
        return stream.subscribe(name, subscriber);
    }

    /** Live events from now on, taken by the caller on its own thread (see {@link EventStream#tap}). */
    public EventStream.Tap tap(String name) {
        return stream.tap(name);
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

    // The team's calls, from its own thread: those that change which flows run here hold this engine's lock.

    /** Takes over the flow of a ticket whose server died (team mode): see {@link FlowSlots#takeOver}. */
    synchronized boolean takeOver(String ticketId) {
        return slots.takeOver(ticketId);
    }

    /** The database session holding this server's leases was lost: see {@link FlowSlots#leasesLost}. */
    synchronized void leasesLost() {
        slots.leasesLost();
    }

    /** Whether this server runs (or queues) the flow of a ticket. */
    boolean runsFlowOf(String ticketId) {
        return slots.runsFlowOf(ticketId);
    }

    /** Another server of the team took an answer for a sign-off: applied here if this server runs its flow. */
    void answeredElsewhere(String channelId) {
        slots.answeredElsewhere(channelId);
    }

    /** Every flow here looks whether another server took an answer for its pending sign-off (a missed wake-up). */
    void lookForAnswers() {
        slots.lookForAnswers();
    }

    /** Another server of the team reset the view: the flows here end as by a reset here, then the view clears. */
    synchronized void resetElsewhere(EngineEvent.Reset reset) {
        slots.cancelAll();
        tickets.recorded(reset);
    }

    /** Stops every thread and closes the store; flows mid-way resume at the next start. */
    @Override
    public void close() {
        if (team != null) {
            team.leave();
        }
        slots.halt();
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