package dev.opsdeck.engine.flow;

import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.agent.Tools;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Outcome;
import dev.opsdeck.engine.runbook.Closing;
import dev.opsdeck.engine.store.StoreException;
import dev.opsdeck.engine.ticket.Status;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Envelope;
import dev.opsdeck.engine.workflow.Graphs;
import dev.opsdeck.engine.workflow.Stage;
import dev.opsdeck.engine.workflow.Workflow;
import dev.opsdeck.engine.workflow.WorkflowException;
import dev.opsdeck.engine.workflow.WorkflowState;
import dev.opsdeck.engine.world.Incident;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One incident from kickoff to terminal status: the diagnosis channel, then, if remediation was recommended, the
 * remediation channel with the operator's sign-off. Every change of the flow happens under its lock, so one
 * ticket's events are published in one order; agent turns run outside it on the engine's turn pool and come back
 * through {@link #accept}.
 */
public final class Flow {

    private static final Logger log = LoggerFactory.getLogger(Flow.class);

    final String ticketId;
    final Incident incident;
    final FlowContext ctx;
    private final Runnable onFinish;
    private final java.util.function.Consumer<String> onHeld;
    private final Turns turns;
    private final Runner runner;
    private ChannelRun channel;
    private SignOff signOff;
    private boolean cancelled;
    private boolean finished;
    private boolean held;

    /**
     * @param onFinish told once when the flow ends
     * @param onHeld   told (with why) when a write failed for want of room and the flow stopped where its journal
     *     stands; the engine resumes it from the journal once the disk has room
     */
    public Flow(String ticketId, Incident incident, FlowContext ctx, Runnable onFinish,
            java.util.function.Consumer<String> onHeld) {
        this.ticketId = ticketId;
        this.incident = incident;
        this.ctx = ctx;
        this.onFinish = onFinish;
        this.onHeld = onHeld;
        this.turns = new Turns(this);
        this.runner = new Runner(this);
    }

    public String ticketId() {
        return ticketId;
    }

    /** Opens the diagnosis channel and posts the kickoff. */
    public synchronized void start() {
        guarded(() -> {
            open(Stage.DIAGNOSIS);
            accept(Post.text(Agent.TICKET_BOT, incident.kickoffFor(ticketId)));
        });
    }

    /** Picks up a flow a previous run left mid-way, from its journal. */
    public synchronized void resume() {
        try {
            Recovery.resume(this);
        } catch (RuntimeException e) {
            if (StoreException.fenced(e)) {
                fenced(e);
                return;
            }
            if (StoreException.retryable(e)) {
                hold(e);
                return;
            }
            log.error("cannot resume the flow of {}", ticketId, e);
            Recovery.interrupted(this, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** The operator's answer to this flow's pending sign-off on {@code channelId}, already read as {@code verdict}. */
    public synchronized Answer answer(String channelId, Outcome verdict, String decision, String by) {
        return answer(channelId, verdict, decision, by, null);
    }

    /** As above; {@code requestId} (may be null) is told with the sign-off's end, should this answer end it. */
    public synchronized Answer answer(String channelId, Outcome verdict, String decision, String by,
            String requestId) {
        if (signOff == null || !signOff.channelId.equals(channelId)) {
            return Answer.refused("no pending sign-off on channel " + channelId);
        }
        try {
            if (!ctx.store().claimAnswer(channelId, verdict, decision, by, requestId, ctx.tickets().now())) {
                takeClaimed(); // another server took an answer first: that one stands
                return Answer.refused("the sign-off on channel " + channelId + " was already answered");
            }
        } catch (RuntimeException e) {
            if (StoreException.retryable(e)) {
                hold(e);
                return Answer.refused(notRecorded());
            }
            throw e;
        }
        // Claimed, so taken: should applying it fail here (the store went away, the lease moved on), the flow's next
        // run applies the claimed verdict, on this server or another.
        guarded(() -> endSignOff(decision, verdict, by, requestId));
        return Answer.taken();
    }

    /** An answer the store could not take: refused now, never kept to be applied later. */
    private String notRecorded() {
        return ctx.store().shared() ? Texts.NOT_RECORDED_TEAM : "the answer could not be recorded: the store takes no"
                + " writes; the sign-off is asked again once it has";
    }

    /** Stops the flow where it stands (a reset); late turns are dropped and the ticket is closed as cancelled. */
    public synchronized void cancel() {
        if (finished) {
            return;
        }
        if (signOff != null) {
            signOff.expiry.cancel(false);
            ctx.stream().publish(new EngineEvent.SignOffResolved(signOff.channelId, null, Outcome.EXPIRED, "reset"));
            signOff = null;
        }
        cancelled = true;
        try {
            ticketTo(Status.NEEDS_FOLLOWUP, "cancelled by a reset before the flow ended");
        } finally {
            finish(); // a reset ends the flow whether or not its status could be written
        }
    }

    /**
     * Stops the flow for a shutdown, recording nothing: its ticket stays where it stands and the next start resumes
     * it from the journal.
     */
    public synchronized void halt() {
        cancelled = true;
        if (signOff != null) {
            signOff.expiry.cancel(false);
            signOff = null; // a halted flow applies no answer: the server that goes on with it does
        }
    }

    /** The ticket a channel belongs to: channel ids are {@code <ticket id>.<stage>}. */
    public static String ticketIdOf(String channelId) {
        int dot = channelId.lastIndexOf('.');
        return dot < 0 ? channelId : channelId.substring(0, dot);
    }

    public synchronized boolean pendingSignOff(String channelId) {
        return signOff != null && signOff.channelId.equals(channelId);
    }

    // ---- posting -----------------------------------------------------------------------------------------------

    /** As {@link #accept(Post)}, for a turn taken on {@code channelId}: refused once that round has ended. */
    synchronized Optional<String> acceptOn(String channelId, Post post) {
        if (channel == null || !channel.id.equals(channelId)) {
            return Optional.of("channel " + channelId + " is no longer the flow's open channel");
        }
        return accept(post);
    }

    /** Why a post was not accepted; empty when it was. */
    synchronized Optional<String> accept(Post post) {
        return accept(post, null);
    }

    /**
     * As {@link #accept(Post)}, recording {@code with} (if not null) in the same transaction just before the post;
     * should the post be refused, {@code with} is published alone.
     */
    private Optional<String> accept(Post post, EngineEvent with) {
        Optional<String> refusal = cancelled || finished || channel == null
                ? Optional.of("flow of " + ticketId + " is no longer running")
                : Workflow.refusal(channel.state, post.sender().displayName());
        if (refusal.isEmpty()) {
            refusal = signOffRequired(post);
        }
        Envelope e = null;
        WorkflowState before = channel == null ? null : channel.state;
        WorkflowState after = null;
        if (refusal.isEmpty()) {
            e = envelope(post);
            try {
                after = Workflow.fold(channel.stage.graph(), before, e);
            } catch (WorkflowException ex) {
                refusal = Optional.of(ex.getMessage());
            }
        }
        if (refusal.isPresent()) {
            if (with != null) {
                ctx.stream().publish(with);
            }
            return refusal;
        }
        if (with != null) {
            ctx.stream().publishAll(List.of(with, new EngineEvent.EnvelopePosted(e)), () -> { });
        } else {
            ctx.stream().publish(new EngineEvent.EnvelopePosted(e)); // the store journals it first
        }
        channel.journal.add(e);
        channel.state = after;
        advance(before, after, e);
        return Optional.empty();
    }

    /** The graph requires the operator whenever a proposed action needs a sign-off: a band without them is refused. */
    private Optional<String> signOffRequired(Post post) {
        if (!Tools.ASSIGN_FIXERS.name().equals(post.tool())) {
            return Optional.empty();
        }
        Object fixers = post.args() == null ? null : post.args().get("fixers");
        if (fixers instanceof List<?> l && l.contains("human")) {
            return Optional.empty();
        }
        return ctx.tickets().get(ticketId).orElseThrow().actions().stream()
                .filter(dev.opsdeck.engine.ticket.ActionRecord::needsSignOff).findFirst()
                .map(a -> "assign_fixers must include human: runbook action " + a.id() + " needs the operator's "
                        + "sign-off");
    }

    private Envelope envelope(Post p) {
        int n = channel.journal.size() + 1;
        double ts = ctx.tickets().now();
        String sender = p.sender().displayName();
        return p.isText() ? Envelope.text(channel.id, n, sender, p.text(), ts)
                : Envelope.packet(channel.id, n, sender, p.tool(), p.args(), p.body(), p.backend(), ts);
    }

    /** Schedules whoever the new state expects; a band forming asks the operator first, then starts the others. */
    private void advance(WorkflowState before, WorkflowState after, Envelope cause) {
        if (after.closed()) {
            close(after.closeReason());
            return;
        }
        if (after.inBand() && !before.inBand()) {
            if (after.pending().contains(Agent.HUMAN.displayName())) {
                requestSignOff(cause);
            }
            for (String member : after.pending()) {
                schedule(member);
            }
        } else if (!after.inBand() && after.expected() != null) {
            schedule(after.expected());
        }
    }

    void schedule(String agentName) {
        Agent agent = Agent.byName(agentName).orElseThrow();
        if (cancelled) {
            return;
        }
        String channelId = channel.id;
        if (agent.kind() == Agent.Kind.MODEL) {
            ctx.turns().execute(() -> turns.take(channelId, agent));
        } else if (agent.kind() == Agent.Kind.ENGINE) {
            ctx.turns().execute(() -> runner.take(channelId));
        }
    }

    /** The input of a turn, or empty if the turn is no longer wanted. */
    synchronized Optional<Turns.Context> turnContext(String channelId, Agent agent) {
        if (cancelled || finished || channel == null || !channel.id.equals(channelId)
                || Workflow.refusal(channel.state, agent.displayName()).isPresent()) {
            return Optional.empty();
        }
        Ticket ticket = ctx.tickets().get(ticketId).orElseThrow();
        return Optional.of(new Turns.Context(channel.stage, ticket, channel.transcript()));
    }

    // ---- the runner's writes ----------------------------------------------------------------------------------

    /** Whether this remediation has had its actions proposed (the runner's first post). */
    synchronized boolean proposed() {
        return channel != null && channel.first(Tools.PROPOSE_ACTIONS.name()).isPresent();
    }

    /** A ticket change of the runner's, made only while the channel still expects it; false if it no longer does. */
    synchronized boolean runnerRecord(String channelId, java.util.function.UnaryOperator<Ticket> change) {
        if (turnContext(channelId, Agent.RUNNER).isEmpty()) {
            return false;
        }
        ctx.tickets().change(ticketId, Agent.RUNNER.displayName(), change);
        return true;
    }

    /** The runner's change (null: none) and its post, together, while the channel still expects it. */
    synchronized void runnerPost(String channelId, java.util.function.UnaryOperator<Ticket> change, Post post) {
        if (turnContext(channelId, Agent.RUNNER).isPresent() && (change == null || runnerRecord(channelId, change))) {
            accept(post).ifPresent(why -> fail("the runner's post was refused: " + why));
        }
    }

    /**
     * What an action did, recorded whatever became of the flow meanwhile (a reset does not stop a process already
     * running, and its result is still the truth).
     */
    synchronized void recordResult(java.util.function.UnaryOperator<Ticket> change) {
        ctx.tickets().change(ticketId, Agent.RUNNER.displayName(), change);
    }

    // ---- stages ------------------------------------------------------------------------------------------------

    void open(Stage stage) {
        open(stage, ChannelRun.idFor(ticketId, stage));
    }

    private void open(Stage stage, String id) {
        ctx.stream().publish(new EngineEvent.ChannelOpened(id, ticketId, stage));
        channel = new ChannelRun(id, stage, List.of(), WorkflowState.initial(stage.graph()));
    }

    void adopt(ChannelRun run) {
        channel = run;
    }

    ChannelRun channel() {
        return channel;
    }

    void close(String reason) {
        ctx.stream().publish(new EngineEvent.ChannelClosed(channel.id, reason));
        if (signOff != null) {
            signOff.expiry.cancel(false);
            ctx.stream().publish(new EngineEvent.SignOffResolved(signOff.channelId, null, Outcome.EXPIRED,
                    "channel closed"));
            signOff = null;
        }
        if (channel.stage == Stage.DIAGNOSIS) {
            afterDiagnosis(reason);
        } else {
            afterRemediation(reason);
        }
    }

    void afterDiagnosis(String reason) {
        if (Graphs.DUPLICATE.equals(reason)) {
            String parent = arg(Tools.MARK_AS_DUPLICATE.name(), "parent_ticket_id");
            ctx.tickets().change(ticketId, t -> t.withParent(parent));
            ticketTo(Status.DUPLICATE, "of " + parent);
            finish();
        } else if (Graphs.REMEDIATION_RECOMMENDED.equals(reason)) {
            List<String> steps = stringList(channel.first(Tools.POST_RECOMMENDATIONS.name()).map(e -> e.toolArgs().get("steps")));
            String rca = arg(Tools.SUBMIT_RCA.name(), "root_cause");
            ctx.tickets().change(ticketId, t -> t.withDiagnosis(rca, arg(Tools.SUBMIT_RCA.name(), "confidence"), steps));
            if (rca.startsWith(Ticket.NO_ROOT_CAUSE)) {
                // Nothing found is nothing to repair: no remediation, no sign-off; the steps say where to look next.
                ctx.tickets().change(ticketId, t -> t.withResolution("No root cause was found, so nothing was "
                        + "repaired; what follows: " + String.join(" ", steps)));
                ticketTo(Status.NEEDS_FOLLOWUP, "the diagnosis found no root cause; needs a human look");
                finish();
                return;
            }
            ticketTo(Status.REMEDIATION_RECOMMENDED, steps.size() + " step(s)");
            startRemediation();
        } else {
            // Whatever the diagnosis recorded stays; a ticket never ends with nothing said about its cause.
            String rca = arg(Tools.SUBMIT_RCA.name(), "root_cause");
            String why = "the diagnosis closed " + reason + " after " + channel.state.turnCount() + " turn(s)";
            ctx.tickets().change(ticketId, t -> t.withDiagnosis(rca.isEmpty() ? "No root cause found: " + why
                    + " without a root cause." : rca, rca.isEmpty() ? "low" : arg(Tools.SUBMIT_RCA.name(),
                    "confidence"), t.recommendations()).withResolution("Needs a human look: " + why
                    + " without a recommendation; the transcript holds what the specialists found."));
            ticketTo(Status.NEEDS_FOLLOWUP, "diagnosis closed " + reason + " after " + channel.state.turnCount()
                    + " turn(s) without a recommendation; needs a human look");
            finish();
        }
    }

    /** Opens the next round of remediation: the first, or another after the operator sent a proposal back. */
    void startRemediation() {
        int round = Rounds.count(ctx.store(), ticketId) + 1;
        open(Stage.REMEDIATION, Rounds.channelId(ticketId, round));
        if (round == 1) {
            ticketTo(Status.REMEDIATING, "stage-2 workflow spawned");
        } else {
            ctx.tickets().change(ticketId, t -> t.withNote("remediation round " + round + ": proposing again"));
        }
        accept(Post.text(Agent.REM_BOT, remediationKickoff()));
    }

    /** The remediation kickoff, with what the operator said of earlier rounds: a model reads it in its input. */
    String remediationKickoff() {
        return Texts.remediationKickoff(ctx.tickets().get(ticketId).orElseThrow())
                + Rounds.kickoffAddition(Rounds.asked(ctx.store(), ticketId));
    }

    void afterRemediation(String reason) {
        Optional<Envelope> close = channel.first(Tools.CLOSE_TICKET.name());
        if (Graphs.RESOLVED.equals(reason) && close.isPresent()) {
            // The status follows from what was recorded, whatever the Resolver's words claim.
            Closing closing = Closing.of(verdict(), ctx.tickets().get(ticketId).orElseThrow().actions());
            Status claimed = Status.fromResolverStatus(arg(Tools.CLOSE_TICKET.name(), "status"));
            String summary = arg(Tools.CLOSE_TICKET.name(), "summary");
            ctx.tickets().change(ticketId, t -> claimed == closing.status() ? t.withResolution(summary)
                    : t.withResolution(summary).withNote("the Resolver said " + claimed.label()
                            + "; the recorded results decide " + closing.status().label()));
            ticketTo(closing.status(), closing.status() == Status.RESOLVED ? "stage-2 complete"
                    : "stage-2 complete: " + closing.reason());
        } else {
            ticketTo(Status.NEEDS_FOLLOWUP, "stage-2 closed " + reason + " without close_ticket; needs a human look");
        }
        finish();
    }

    /** The operator's verdict on this remediation, from their post; null when no sign-off was asked. */
    private Outcome verdict() {
        return channel.journal.stream().filter(e -> Agent.HUMAN.displayName().equals(e.sender())).findFirst()
                .map(e -> Outcome.ofPost(e.line())).orElse(null);
    }

    private String arg(String tool, String name) {
        return channel.first(tool).map(e -> e.toolArgs().get(name)).map(String::valueOf).orElse("");
    }

    private static List<String> stringList(Optional<Object> value) {
        return value.filter(v -> v instanceof List<?>).map(v -> ((List<?>) v).stream().map(String::valueOf).toList())
                .orElse(List.of());
    }

    // ---- sign-off ----------------------------------------------------------------------------------------------

    private void requestSignOff(Envelope cause) {
        double deadline = ctx.tickets().now() + ctx.signOffDeadline().toMillis() / 1000.0;
        askOperator(stringList(Optional.ofNullable(cause.toolArgs()).map(a -> a.get("fixers"))), deadline);
    }

    /** Publishes the request and arms its deadline; also used to re-ask after a restart. */
    void askOperator(List<String> fixers, double deadline) {
        Ticket t = ctx.tickets().get(ticketId).orElseThrow();
        String prompt = Texts.signOffPrompt(t.recommendations(), t.actions());
        ctx.tickets().change(ticketId, x -> x.withNeedsHuman(true, prompt));
        signOff = new SignOff(channel.id, deadline);
        ctx.stream().publish(new EngineEvent.SignOffRequested(channel.id, ticketId, fixers, t.rca(),
                t.recommendations(), prompt, deadline, t.actions()));
        long delayMs = Math.max(0, Math.round((deadline - ctx.tickets().now()) * 1000));
        String channelId = channel.id;
        signOff.expiry = ctx.timer().schedule(() -> expire(channelId), delayMs, TimeUnit.MILLISECONDS);
    }

    private synchronized void expire(String channelId) {
        if (signOff != null && signOff.channelId.equals(channelId)) {
            guarded(() -> {
                if (ctx.store().claimAnswer(channelId, Outcome.EXPIRED, null, "deadline", ctx.tickets().now())) {
                    endSignOff(null, Outcome.EXPIRED, "deadline", null);
                } else {
                    takeClaimed();
                }
            });
        }
    }

    /**
     * Applies the verdict claimed for this flow's pending sign-off, if one was (by an operator on another server of
     * the team, or before a restart): the first claim is the answer.
     */
    public synchronized void takeClaimed() {
        if (signOff == null) {
            return;
        }
        String channelId = signOff.channelId;
        guarded(() -> ctx.store().answer(channelId).ifPresent(v -> {
            if (signOff != null && signOff.channelId.equals(channelId)) {
                endSignOff(v.decision(), v.outcome(), v.by(), v.requestId());
            }
        }));
    }

    /** The channel of this flow's pending sign-off, or null. */
    public synchronized String pendingSignOff() {
        return signOff == null ? null : signOff.channelId;
    }

    /** Runs {@code work} once the step the flow is in (if any) has ended: whatever it records is recorded by then. */
    public synchronized void settled(Runnable work) {
        work.run();
    }

    private void endSignOff(String decision, Outcome outcome, String by, String requestId) {
        if (outcome.newRound()) {
            endRound(decision, outcome, by, requestId);
            return;
        }
        signOff.expiry.cancel(false);
        signOff = null;
        // The ticket's timeline names who decided (a person by name, or the deadline): the line is stamped by them.
        if (outcome == Outcome.DONE_BY_HAND) {
            OverrideChoice o = OverrideChoice.decode(decision);
            double at = ctx.tickets().now();
            var stood = o.action() == null ? null : ctx.runbook().resolve(o.action(), ctx.tickets().get(ticketId)
                    .orElseThrow()).proposal();
            String title = stood == null ? "a step done by hand" : stood.action().title();
            String risk = stood == null ? "manual" : stood.action().risk().wire();
            ctx.tickets().change(ticketId, by, t -> t.withNeedsHuman(false, "").withActions(SignOffs.withByHand(
                    SignOffs.decided(t.actions(), outcome, by), o, by, title, risk, at))
                    .withNote("done by hand by " + by + ": " + (o.action() == null ? "" : o.action() + ": ")
                            + o.note()));
        } else {
            ctx.tickets().change(ticketId, by, t -> t.withNeedsHuman(false, "").withActions(SignOffs.decided(
                    t.actions(), outcome, by)).withNote(SignOffs.line(outcome, by)));
        }
        String text = outcome == Outcome.DONE_BY_HAND ? Texts.sentBack(outcome, decision, by)
                : Texts.operatorPost(outcome, decision, ctx.signOffDeadline().toSeconds());
        String wireDecision = outcome == Outcome.DONE_BY_HAND ? text : decision;
        // The verdict and the operator's post are recorded in one transaction: a restart between the two would find
        // the sign-off still pending in the journal and resolve it a second time.
        accept(Post.text(Agent.HUMAN, text), new EngineEvent.SignOffResolved(channel.id, wireDecision, outcome, by,
                requestId))
                .ifPresent(why -> log.warn("operator post refused: {}", why));
    }

    /**
     * The operator sent this round's proposal back (feedback, or another action chosen): nothing of it runs, and the
     * round's channel closes with the answer, the operator's post and the close in one transaction, so a restart
     * finds either the answer still to apply or the round closed, never half of it; then the next round opens.
     */
    private void endRound(String decision, Outcome outcome, String by, String requestId) {
        signOff.expiry.cancel(false);
        signOff = null;
        ctx.tickets().change(ticketId, by, t -> t.withNeedsHuman(false, "").withActions(SignOffs.decided(t.actions(),
                outcome, by)).withNote(Rounds.line(outcome, decision, by)));
        String text = Texts.sentBack(outcome, decision, by);
        Envelope post = envelope(Post.text(Agent.HUMAN, text));
        String reason = outcome == Outcome.CHANGES_REQUESTED ? Graphs.CHANGES_REQUESTED : Graphs.OVERRIDDEN;
        ctx.stream().publishAll(List.of(new EngineEvent.SignOffResolved(channel.id, text, outcome, by, requestId),
                new EngineEvent.EnvelopePosted(post), new EngineEvent.ChannelClosed(channel.id, reason)), () -> { });
        channel.journal.add(post);
        startRemediation();
    }

    // ---- ending ------------------------------------------------------------------------------------------------

    /**
     * A terminal status ends the flow once it is recorded and before it is published: whoever sees it may count on
     * the slot. A status the store refused ends nothing: the flow is held (or fenced, or failed) where it stands, and
     * its next run records the status from its journal.
     */
    void ticketTo(Status status, String note) {
        Ticket t = ctx.tickets().get(ticketId).orElse(null);
        if (t != null && !t.status().terminal()) {
            ctx.tickets().change(ticketId, actor(), x -> x.withStatus(status, note),
                    status.terminal() ? this::finish : () -> { });
        } else if (status.terminal()) {
            finish();
        }
    }

    /** Who caused what the flow does now: the sender of the channel's last post, or the engine itself. */
    private String actor() {
        if (channel == null || channel.journal.isEmpty()) {
            return dev.opsdeck.engine.ticket.Tickets.ENGINE;
        }
        return channel.journal.get(channel.journal.size() - 1).sender();
    }

    void finish() {
        if (!finished) {
            finished = true;
            onFinish.run();
        }
    }

    /**
     * Runs a step of the flow; whatever goes wrong is reported and ends the ticket in a defined status, except a
     * write that failed for want of room, which holds the flow instead (see {@link #hold}).
     */
    synchronized void guarded(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            if (StoreException.fenced(e)) {
                fenced(e);
                return;
            }
            if (StoreException.retryable(e)) {
                hold(e);
                return;
            }
            log.error("flow of {} failed", ticketId, e);
            fail(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /**
     * A write failed for want of room: the flow stops where its journal stands (what was not written was not
     * published either), late turns are dropped, a pending sign-off's timer stops (it is asked again on resume), and
     * the engine is told. Nothing is recorded: there is no room to record it.
     */
    synchronized void hold(RuntimeException e) {
        if (finished || held) {
            return;
        }
        held = true;
        cancelled = true;
        if (signOff != null) {
            signOff.expiry.cancel(false);
            signOff = null;
        }
        log.warn("flow of {} held: {}", ticketId, e.getMessage());
        onHeld.accept(e.getMessage());
    }

    /**
     * The store refused a write of this flow for good: its lease moved on to another server (team mode), or the write
     * would have undone a terminal status. The flow stops here at once, recording nothing more (whatever it tries
     * would be refused alike), and says so; the server holding the lease goes on with it from its journal.
     */
    synchronized void fenced(RuntimeException e) {
        if (finished) {
            return;
        }
        cancelled = true;
        if (signOff != null) {
            signOff.expiry.cancel(false);
            signOff = null;
        }
        log.warn("flow of {} stopped on this server: {}", ticketId, e.getMessage());
        ctx.stream().publish(new EngineEvent.ErrorReported("team", ticketId + ": " + e.getMessage()
                + "; its flow stopped on this server"));
        finish();
    }

    synchronized void fail(String why) {
        if (finished) {
            return;
        }
        try {
            ctx.stream().publish(new EngineEvent.ErrorReported("flow", ticketId + ": " + why));
            if (signOff != null) {
                signOff.expiry.cancel(false);
                ctx.stream().publish(new EngineEvent.SignOffResolved(signOff.channelId, null, Outcome.EXPIRED, "failure"));
                ctx.tickets().change(ticketId, t -> t.withNeedsHuman(false, ""));
                signOff = null;
            }
            ticketTo(Status.NEEDS_FOLLOWUP, "flow failed: " + why);
        } catch (RuntimeException e) {
            log.error("could not record the failure of {}", ticketId, e);
        } finally {
            cancelled = true;
            finish();
        }
    }
}
