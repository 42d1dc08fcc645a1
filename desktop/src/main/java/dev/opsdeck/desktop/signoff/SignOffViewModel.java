package dev.opsdeck.desktop.signoff;

import dev.opsdeck.desktop.fx.Commands;
import dev.opsdeck.desktop.fx.Pacer;
import dev.opsdeck.engine.event.EngineEvent.SignOffRequested;
import dev.opsdeck.engine.event.EngineEvent.SignOffResolved;
import dev.opsdeck.engine.event.Outcome;
import dev.opsdeck.engine.flow.Answer;
import dev.opsdeck.engine.flow.Texts;
import dev.opsdeck.engine.ticket.Ticket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The operator's sign-off, built so that nothing is approved that was not meant, read and aimed at the right ticket:
 * <ul>
 * <li>only a button (or its shortcut) decides; the reply box is a note sent with the verdict;</li>
 * <li>a request shown on the panel takes no answer until it has been on screen for {@link #ARMING}, and an answered
 * one keeps its verdict on screen for {@link #HOLD} before the next takes the panel, so a key pressed twice never
 * answers a request nobody read;</li>
 * <li>the waiting requests are listed most severe first, then by deadline, and the most urgent takes a free panel;
 * selecting a ticket that waits brings its request to the panel.</li>
 * </ul>
 * The first answer wins wherever it comes from; when another client answers first, the panel says so.
 */
public final class SignOffViewModel {

    /**
     * Who the engine is told answered: the person at this console, by their OS user name (an in-process engine has
     * no tokens to name anyone by; joined to a server, the server names us by our token). Also how our own answers
     * are told apart from a remote client's.
     */
    public static final String BY = dev.opsdeck.desktop.port.InProcess.USER;
    public static final Duration ARMING = Duration.ofMillis(1500);
    public static final Duration HOLD = Duration.ofMillis(2000);
    static final long WARN_BELOW_SECONDS = 60;

    private final Answering answering;
    private final Commands commands;
    private final Function<String, Optional<Ticket>> tickets;
    private final Map<String, Waiting> pending = new LinkedHashMap<>();
    /** Our answers on their way, by channel: the decision text the engine will report if ours is the one taken. */
    private final Map<String, String> sending = new HashMap<>();
    private final ObservableList<Waiting> waiting = FXCollections.observableArrayList();
    private final ObservableList<Waiting> waitingView = FXCollections.unmodifiableObservableList(waiting);
    private final ReadOnlyObjectWrapper<SignOffRequested> request = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper open = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper armed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper visible = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper ticketId = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper confidence = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper noticeLook = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper others = new ReadOnlyStringWrapper("");
    private final ReadOnlyLongWrapper remaining = new ReadOnlyLongWrapper();
    private final ReadOnlyBooleanWrapper warning = new ReadOnlyBooleanWrapper();
    private final StringProperty note = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper track = new ReadOnlyStringWrapper("");
    private final java.util.function.Supplier<List<Ticket>> inView;
    private final Runnable nextDue;
    private double now;
    /** Bumped whenever the panel shows something else: a late arming or release for an older showing is void. */
    private long showing;
    private boolean holding;
    private String wanted;
    /** A view draws the panel: arming counts from when it says a request was drawn, not from when it was set. */
    private boolean drawnByAView;
    /** The showing whose arming has started (see {@link #drawn}). */
    private long armingFor = -1;
    private final ReadOnlyStringWrapper urgent = new ReadOnlyStringWrapper("");
    private String urgentTicket;

    /**
     * @param pacer when a waiting request takes a free panel (see {@link #publish()}); what the operator answers is
     *     always the request the panel shows
     */
    public SignOffViewModel(Answering answering, Commands commands, Function<String, Optional<Ticket>> tickets,
            Pacer pacer) {
        this(answering, commands, tickets, List::of, pacer);
    }

    /** @param inView every ticket in view: how each action fared on them is shown beside it */
    public SignOffViewModel(Answering answering, Commands commands, Function<String, Optional<Ticket>> tickets,
            java.util.function.Supplier<List<Ticket>> inView, Pacer pacer) {
        this.answering = answering;
        this.commands = commands;
        this.tickets = tickets;
        this.inView = inView;
        this.nextDue = pacer.lane(this::publish);
        this.sendBack = new SendBackModel(this, answering, commands);
    }

    private final SendBackModel sendBack;

    /** Request changes and override: the panel's answers other than a verdict. */
    public SendBackModel sendBack() {
        return sendBack;
    }

    /** The request on the panel while it still waits, or null. */
    SignOffRequested shownOpen() {
        return open.get() ? request.get() : null;
    }

    /** An answer other than a verdict is on its way for {@code channel}: the panel is busy until it is back. */
    void sendingBack(String channel, Outcome outcome) {
        busy.set(true);
        sending.put(channel, SENT_BACK + outcome.name());
    }

    /** It is back: taken (its hitl_resolved says so on the panel) or refused. */
    void sentBack(String channel, Answer a) {
        busy.set(false);
        if (!a.accepted()) {
            sending.remove(channel);
        }
    }

    private static final String SENT_BACK = "sent back: ";

    public void requested(SignOffRequested r, double ts) {
        Optional<Ticket> t = tickets.apply(r.ticketId());
        String sev = t.map(Ticket::sev).orElse("sev3");
        String label = t.map(x -> x.id() + " · " + x.sev().toUpperCase(Locale.ROOT) + " · " + x.issue() + " on "
                + x.system()).orElse(r.ticketId());
        pending.put(r.channelId(), new Waiting(r, sev, label));
        now = Math.max(now, ts);
        relist();
        if (panelFree()) {
            nextDue.run();
        }
    }

    /**
     * Puts a waiting request on a free panel: the one the operator selected, else the most urgent. Paced like the
     * table and the cards, so sign-offs answered elsewhere back to back do not restyle the panel every frame.
     */
    public void publish() {
        if (!panelFree() || pending.isEmpty()) {
            return;
        }
        Waiting next = wanted != null && pending.containsKey(wanted) ? pending.get(wanted)
                : pending.values().stream().min(Waiting.MOST_URGENT_FIRST).orElseThrow();
        show(next);
    }

    private boolean panelFree() {
        return !open.get() && !holding;
    }

    /**
     * The operator selected a ticket: if it waits for a sign-off, its request takes the panel (not armed yet: it
     * must be read first). An answer on its way is never switched away from.
     */
    public void select(String id) {
        Waiting w = pending.values().stream().filter(x -> x.ticketId().equals(id)).findFirst().orElse(null);
        if (w == null || busy.get()) {
            return;
        }
        wanted = w.channelId();
        SignOffRequested shown = request.get();
        if (open.get() && shown != null && shown.channelId().equals(w.channelId())) {
            return;
        }
        if (!holding) {
            open.set(false);
            show(w);
        }
    }

    public void resolved(SignOffResolved r) {
        Waiting gone = pending.remove(r.channelId());
        String sent = sending.remove(r.channelId());
        if (r.channelId().equals(wanted)) {
            wanted = null;
        }
        SignOffRequested shown = request.get();
        if (open.get() && shown != null && shown.channelId().equals(r.channelId())) {
            open.set(false);
            armed.set(false);
            busy.set(false);
            note.set("");
            boolean ours = BY.equals(r.by()) || (r.decision() != null && r.decision().equals(sent))
                    || (SENT_BACK + r.outcome().name()).equals(sent);
            sendBack.close();
            say(describe(r, shown.ticketId(), ours), r.outcome().name().toLowerCase(Locale.ROOT));
            holding = true;
            long mine = ++showing;
            commands.later(HOLD, () -> release(mine));
        } else if (gone != null && !open.get() && !holding && pending.isEmpty()) {
            visible.set(false);
        }
        relist();
    }

    private void release(long which) {
        if (which != showing) {
            return;
        }
        holding = false;
        if (!pending.isEmpty()) {
            nextDue.run();
        }
    }

    public void reset() {
        pending.clear();
        waiting.clear();
        request.set(null);
        open.set(false);
        armed.set(false);
        busy.set(false);
        visible.set(false);
        holding = false;
        wanted = null;
        showing++;
        say("", "");
        others.set("");
        urgent.set("");
        urgentTicket = null;
    }

    private void show(Waiting w) {
        sendBack.close();
        SignOffRequested r = w.request();
        request.set(r);
        ticketId.set(r.ticketId());
        headline.set(w.label());
        confidence.set(tickets.apply(r.ticketId()).map(Ticket::confidence).filter(c -> !c.isBlank()).orElse("unknown"));
        List<Ticket> all = r.actions().isEmpty() ? List.of() : inView.get();
        track.set(String.join("\n", r.actions().stream().map(a -> a.id() + ": "
                + dev.opsdeck.engine.ticket.ActionTrack.of(a.id(), all, r.ticketId())).toList()));
        open.set(true);
        armed.set(false);
        visible.set(true);
        note.set("");
        say("", "");
        long mine = ++showing;
        if (!drawnByAView) {
            startArming(mine);
        }
        tick(now);
        relist();
    }

    /**
     * The view that draws the panel says so when it is made: from then on the buttons arm {@link #ARMING} after a
     * request was first drawn (see {@link #drawn}). Counted from when it was set, a request that came while the
     * window was busy (a burst, the first layout of the panel) armed before anyone could see it or the bar filling.
     */
    public void drawnByAView() {
        drawnByAView = true;
    }

    /** The view drew {@code shown} on screen: its arming starts now, once. */
    public void drawn(SignOffRequested shown) {
        if (open.get() && shown != null && shown == request.get() && armingFor != showing) {
            startArming(showing);
        }
    }

    private void startArming(long which) {
        armingFor = which;
        commands.later(ARMING, () -> arm(which));
    }

    private void arm(long which) {
        if (which == showing && open.get()) {
            armed.set(true);
        }
    }

    /** The waiting list in urgency order, and what the kicker says of those not on the panel. */
    private void relist() {
        List<Waiting> ordered = new ArrayList<>(pending.values());
        ordered.sort(Waiting.MOST_URGENT_FIRST);
        if (!ordered.equals(waiting)) {
            waiting.setAll(ordered);
        }
        SignOffRequested shown = open.get() ? request.get() : null;
        List<Waiting> rest = ordered.stream().filter(w -> shown == null || !w.channelId().equals(shown.channelId()))
                .toList();
        // A SEV1 waiting behind a less severe request on the panel is named where it cannot be missed; it takes the
        // panel only when the operator asks (the panel is never swapped under the cursor).
        Waiting behind = shown == null || pending.get(shown.channelId()) == null
                || "sev1".equals(pending.get(shown.channelId()).sev()) ? null
                : rest.stream().filter(w -> "sev1".equals(w.sev())).findFirst().orElse(null);
        urgentTicket = behind == null ? null : behind.ticketId();
        urgent.set(behind == null ? "" : "SEV1 waiting: " + behind.ticketId() + " — show it");
        if (rest.isEmpty()) {
            others.set("");
            return;
        }
        long sev1 = rest.stream().filter(w -> w.sev().equals("sev1")).count();
        others.set(rest.size() + " more waiting" + (sev1 > 0 ? " (" + sev1 + " SEV1)" : ""));
    }

    /** @param ours the answer taken was this console's (a server names its clients its own way) */
    private static String describe(SignOffResolved r, String ticket, boolean ours) {
        String effect = switch (r.outcome()) {
            case APPROVED -> "the disruptive step will run.";
            case DEFERRED -> "the disruptive step waits for a maintenance window; the rest goes ahead.";
            case REJECTED -> "the disruptive step will not run; the ticket needs a follow-up.";
            case DECLINED -> "no decision was given; the disruptive step will not run.";
            case EXPIRED -> "no answer before the deadline; the disruptive step will not run.";
            case CHANGES_REQUESTED -> "nothing of this proposal runs; a new one is made with the feedback.";
            case OVERRIDDEN -> "nothing of this proposal runs; the chosen action is shown for a sign-off of its own.";
            case DONE_BY_HAND -> "nothing of this proposal runs; the step done by hand is kept as theirs.";
        };
        String verdict = r.outcome().name();
        if (r.outcome() == Outcome.EXPIRED) {
            return "EXPIRED · " + ticket + " (" + r.by() + ") — " + effect;
        }
        if (ours) {
            return "Sent: " + verdict + " · " + ticket + " — " + effect;
        }
        return "Answered elsewhere by " + r.by() + ": " + verdict + " · " + ticket + " — " + effect;
    }

    private void say(String text, String look) {
        notice.set(text);
        noticeLook.set(look);
    }

    /** Moves the countdown to {@code epochSeconds}; the console's clock calls this once a second. */
    public void tick(double epochSeconds) {
        now = epochSeconds;
        SignOffRequested r = request.get();
        long left = r == null ? 0 : Math.max(0, (long) Math.ceil(r.deadline() - epochSeconds));
        remaining.set(left);
        warning.set(open.get() && left < WARN_BELOW_SECONDS);
    }

    public void approve() {
        answer(Outcome.APPROVED);
    }

    public void defer() {
        answer(Outcome.DEFERRED);
    }

    public void reject() {
        answer(Outcome.REJECTED);
    }

    /** Enter in the note: a note decides nothing, so say how to decide instead of guessing from its words. */
    public void noteEntered() {
        if (open.get()) {
            say("A note decides nothing: press Approve, Defer or Reject for " + ticketId.get()
                    + "; the note goes with your verdict.", "hint");
        }
    }

    /** Hides a panel whose sign-off is over. */
    public void dismiss() {
        if (!open.get()) {
            visible.set(false);
            say("", "");
        }
    }

    private void answer(Outcome verdict) {
        SignOffRequested r = request.get();
        if (r == null || !open.get() || !armed.get() || busy.get()) {
            return;
        }
        busy.set(true);
        String channel = r.channelId();
        String text = note.get();
        sending.put(channel, Texts.decision(verdict, text));
        commands.run("Answering the sign-off of " + r.ticketId(), () -> answering.answer(channel, verdict, text, BY),
                (Answer a) -> {
                    busy.set(false);
                    if (!a.accepted()) {
                        sending.remove(channel);
                        say("Not sent: " + a.reason(), "error");
                    }
                }, failure -> {
                    busy.set(false);
                    sending.remove(channel);
                    say(failure + " — nothing was decided; answer again.", "error");
                });
    }

    /** The request on the panel (kept after it is answered, while its verdict shows). */
    public ReadOnlyObjectProperty<SignOffRequested> requestProperty() {
        return request.getReadOnlyProperty();
    }

    /** The request on the panel still waits for an answer. */
    public ReadOnlyBooleanProperty openProperty() {
        return open.getReadOnlyProperty();
    }

    /** The buttons take an answer: the request has been on screen long enough to be read. */
    public ReadOnlyBooleanProperty armedProperty() {
        return armed.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty visibleProperty() {
        return visible.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    /** The ticket the buttons answer for ("Approve INC-009"). */
    public ReadOnlyStringProperty ticketIdProperty() {
        return ticketId.getReadOnlyProperty();
    }

    /** The RCA's confidence, shown beside the step the decision lets run. */
    public ReadOnlyStringProperty confidenceProperty() {
        return confidence.getReadOnlyProperty();
    }

    /** How each action on the panel fared on the tickets in view: for the person to weigh, never decided by it. */
    public ReadOnlyStringProperty trackProperty() {
        return track.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** How the notice looks: the verdict in lower case ({@code approved} … {@code expired}), {@code error}, or empty. */
    public ReadOnlyStringProperty noticeLookProperty() {
        return noticeLook.getReadOnlyProperty();
    }

    /** "SEV1 waiting: INC-009 — show it" while a less severe request is on the panel, or empty. */
    public ReadOnlyStringProperty urgentProperty() {
        return urgent.getReadOnlyProperty();
    }

    /** The operator asked for the SEV1 named by {@link #urgentProperty()}: it takes the panel (not armed yet). */
    public void showUrgent() {
        if (urgentTicket != null) {
            select(urgentTicket);
        }
    }

    /** "2 more waiting (1 SEV1)", or empty. */
    public ReadOnlyStringProperty othersProperty() {
        return others.getReadOnlyProperty();
    }

    /** Every sign-off waiting, the most severe first, then the soonest deadline. */
    public ObservableList<Waiting> waiting() {
        return waitingView;
    }

    public ReadOnlyLongProperty remainingProperty() {
        return remaining.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty warningProperty() {
        return warning.getReadOnlyProperty();
    }

    /** A note to the fixers, sent with the verdict; it never decides anything. */
    public StringProperty noteProperty() {
        return note;
    }
}
