package dev.opsdeck.desktop.signoff;

import dev.opsdeck.desktop.fx.Commands;
import dev.opsdeck.desktop.fx.Pacer;
import dev.opsdeck.engine.Engine;
import dev.opsdeck.engine.event.EngineEvent.SignOffRequested;
import dev.opsdeck.engine.event.EngineEvent.SignOffResolved;
import dev.opsdeck.engine.event.Outcome;
import dev.opsdeck.engine.flow.Answer;
import dev.opsdeck.engine.flow.Texts;
import dev.opsdeck.engine.ticket.Ticket;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The operator's sign-off: the request shown, the ones queued behind it, the countdown, and the answer. The first
 * answer wins wherever it comes from; when another client answers first, the panel says so and by which decision.
 */
public final class SignOffViewModel {

    /** Who the engine is told answered, so our own answers can be told apart from a remote client's. */
    public static final String BY = "desktop";
    static final long WARN_BELOW_SECONDS = 60;

    private final Engine engine;
    private final Commands commands;
    private final Function<String, Optional<Ticket>> tickets;
    private final Map<String, SignOffRequested> pending = new LinkedHashMap<>();
    private final ReadOnlyObjectWrapper<SignOffRequested> request = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper open = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper visible = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper queued = new ReadOnlyIntegerWrapper();
    private final ReadOnlyLongWrapper remaining = new ReadOnlyLongWrapper();
    private final ReadOnlyBooleanWrapper warning = new ReadOnlyBooleanWrapper();
    private final StringProperty reply = new SimpleStringProperty("");
    private double now;
    private final Runnable nextDue;

    /**
     * @param pacer when the next waiting request takes the panel (see {@link #publish()}); what the operator answers
     *     is always the request the panel shows
     */
    public SignOffViewModel(Engine engine, Commands commands, Function<String, Optional<Ticket>> tickets,
            Pacer pacer) {
        this.engine = engine;
        this.commands = commands;
        this.tickets = tickets;
        this.nextDue = pacer.lane(this::publish);
    }

    public void requested(SignOffRequested r, double ts) {
        pending.put(r.channelId(), r);
        now = Math.max(now, ts);
        if (!open.get()) {
            nextDue.run();
        }
        requeue();
    }

    /**
     * Puts the oldest waiting request on the panel if the panel has none open. Paced like the table and the cards:
     * with sign-offs answered elsewhere back to back (a bridge client approving a burst) the panel otherwise showed
     * another request, restyled and repainted, in every frame. A request that is answered leaves the panel at once,
     * so nothing is ever answered that the panel no longer shows.
     */
    public void publish() {
        if (open.get() || pending.isEmpty()) {
            return;
        }
        show(pending.values().iterator().next());
        notice.set("");
        requeue();
    }

    public void resolved(SignOffResolved r) {
        pending.remove(r.channelId());
        SignOffRequested shown = request.get();
        if (shown != null && shown.channelId().equals(r.channelId())) {
            notice.set(describe(r));
            open.set(false);
            busy.set(false);
            if (!pending.isEmpty()) {
                nextDue.run();
            }
        }
        requeue();
    }

    public void reset() {
        pending.clear();
        request.set(null);
        open.set(false);
        visible.set(false);
        notice.set("");
        queued.set(0);
    }

    private void show(SignOffRequested r) {
        request.set(r);
        open.set(true);
        visible.set(true);
        reply.set("");
        Optional<Ticket> t = tickets.apply(r.ticketId());
        headline.set(t.map(x -> x.id() + " · " + x.sev().toUpperCase(Locale.ROOT) + " · " + x.issue() + " on "
                + x.system()).orElse(r.ticketId()));
        tick(now);
    }

    /** The requests waiting behind the one open on the panel (an open one is still pending until answered). */
    private void requeue() {
        queued.set(Math.max(0, pending.size() - (open.get() ? 1 : 0)));
    }

    private static String describe(SignOffResolved r) {
        String verdict = r.outcome().wire().toUpperCase(Locale.ROOT);
        if (r.outcome() == Outcome.EXPIRED) {
            return "⌛ Sign-off ended without an answer (" + r.by() + ") — the disruptive step is not applied.";
        }
        if (BY.equals(r.by())) {
            return "✓ Response sent — " + verdict + ".";
        }
        return "Answered elsewhere by " + r.by() + " — " + verdict + ".";
    }

    /** Moves the countdown to {@code epochSeconds}; the view calls this once a second. */
    public void tick(double epochSeconds) {
        now = epochSeconds;
        SignOffRequested r = request.get();
        long left = r == null ? 0 : Math.max(0, (long) Math.ceil(r.deadline() - epochSeconds));
        remaining.set(left);
        warning.set(open.get() && left < WARN_BELOW_SECONDS);
    }

    public void approve() {
        answer(withReply(Texts.APPROVE));
    }

    public void defer() {
        answer(withReply(Texts.DEFER));
    }

    public void reject() {
        answer(withReply(Texts.REJECT));
    }

    /** The free-text reply on its own: the engine reads its verdict from the words (REJECT, DEFER, else approve). */
    public void sendReply() {
        if (!reply.get().isBlank()) {
            answer("Human sign-off: " + reply.get().trim());
        }
    }

    /** Hides a panel whose sign-off is over. */
    public void dismiss() {
        if (!open.get()) {
            visible.set(false);
            notice.set("");
        }
    }

    private String withReply(String decision) {
        String note = reply.get().trim();
        return note.isEmpty() ? decision : decision + " Operator note: " + note;
    }

    private void answer(String decision) {
        SignOffRequested r = request.get();
        if (r == null || !open.get() || busy.get()) {
            return;
        }
        busy.set(true);
        commands.run(() -> engine.answer(r.channelId(), decision, BY), (Answer a) -> {
            busy.set(false);
            if (!a.accepted()) {
                notice.set("Not sent: " + a.reason());
            }
        });
    }

    public ReadOnlyObjectProperty<SignOffRequested> requestProperty() {
        return request.getReadOnlyProperty();
    }

    /** The decision box takes an answer. */
    public ReadOnlyBooleanProperty openProperty() {
        return open.getReadOnlyProperty();
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

    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty queuedProperty() {
        return queued.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty remainingProperty() {
        return remaining.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty warningProperty() {
        return warning.getReadOnlyProperty();
    }

    public StringProperty replyProperty() {
        return reply;
    }
}
