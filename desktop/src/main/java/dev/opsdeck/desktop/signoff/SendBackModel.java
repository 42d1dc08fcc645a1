package dev.opsdeck.desktop.signoff;

import dev.opsdeck.desktop.fx.Commands;
import dev.opsdeck.desktop.port.ConsolePort.Fitting;
import dev.opsdeck.engine.event.EngineEvent.SignOffRequested;
import dev.opsdeck.engine.event.Outcome;
import dev.opsdeck.engine.flow.Answer;
import dev.opsdeck.engine.flow.Rounds;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The sign-off's answers other than a verdict, with the same guards as a verdict (the request shown, armed, nothing
 * on its way): "Request changes…" sends feedback, and a new proposal comes back for a sign-off of its own;
 * "Override…" sends another fitting runbook action, shown with its dry run for an explicit approval, or records a
 * step done by hand with a note. Feedback and notes are plain text, required, and at most {@link Rounds#MAX_TEXT}
 * characters; the engine strips what is not plain text.
 */
public final class SendBackModel {

    /** What the panel shows below the verdict buttons: nothing more, the feedback form, or the override form. */
    public enum Form { NONE, CHANGES, OVERRIDE }

    private final SignOffViewModel panel;
    private final Answering answering;
    private final Commands commands;
    private final SimpleObjectProperty<Form> form = new SimpleObjectProperty<>(Form.NONE);
    private final StringProperty feedback = new SimpleStringProperty("");
    private final StringProperty handNote = new SimpleStringProperty("");
    private final ObjectProperty<Fitting> chosen = new SimpleObjectProperty<>();
    private final ObservableList<Fitting> fitting = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");

    SendBackModel(SignOffViewModel panel, Answering answering, Commands commands) {
        this.panel = panel;
        this.answering = answering;
        this.commands = commands;
    }

    /** Opens the feedback form (the view focuses its field). */
    public void openChanges() {
        if (panel.shownOpen() != null) {
            feedback.set("");
            problem.set("");
            form.set(Form.CHANGES);
        }
    }

    /** Opens the override form with the actions that fit the ticket now. */
    public void openOverride() {
        SignOffRequested r = panel.shownOpen();
        if (r != null) {
            fitting.setAll(answering.fitting(r.ticketId()));
            chosen.set(null);
            handNote.set("");
            problem.set("");
            form.set(Form.OVERRIDE);
        }
    }

    public void close() {
        form.set(Form.NONE);
        problem.set("");
    }

    /** Sends the feedback: the proposal is sent back and made again with it. */
    public void sendChanges() {
        String text = required(feedback.get(), "Feedback");
        if (text != null) {
            send(Outcome.CHANGES_REQUESTED, "Requesting changes to", (channel) -> answering.requestChanges(channel,
                    text, SignOffViewModel.BY));
        }
    }

    /** Sends the chosen action: it is dry-run and shown for a sign-off of its own, never run on this click. */
    public void sendOverride() {
        Fitting f = chosen.get();
        if (f == null) {
            problem.set("Choose one of the actions that fit the ticket; it is shown with its dry run before anything"
                    + " runs.");
            return;
        }
        send(Outcome.OVERRIDDEN, "Overriding the proposal of", (channel) -> answering.override(channel, f.id(), "",
                SignOffViewModel.BY));
    }

    /** Records the step as done by hand by this person (for the chosen action, if one is chosen). */
    public void sendByHand() {
        String note = required(handNote.get(), "A note of what you did");
        Fitting f = chosen.get();
        if (note != null) {
            send(Outcome.DONE_BY_HAND, "Recording a step done by hand on", (channel) -> answering.doneByHand(channel,
                    f == null ? null : f.id(), note, SignOffViewModel.BY));
        }
    }

    private String required(String text, String what) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            problem.set(what + " is required.");
            return null;
        }
        if (t.length() > Rounds.MAX_TEXT) {
            problem.set(what + " is at most " + Rounds.MAX_TEXT + " characters; this is " + t.length() + ".");
            return null;
        }
        return t;
    }

    private void send(Outcome outcome, String what, java.util.function.Function<String, Answer> work) {
        SignOffRequested r = panel.shownOpen();
        if (r == null || !panel.armedProperty().get() || panel.busyProperty().get()) {
            problem.set(r == null ? "No sign-off is waiting on the panel." : "Read the request first: the panel arms"
                    + " in a moment.");
            return;
        }
        String channel = r.channelId();
        panel.sendingBack(channel, outcome);
        problem.set("");
        Supplier<Answer> call = () -> work.apply(channel);
        commands.run(what + " " + r.ticketId(), call, (Answer a) -> {
            panel.sentBack(channel, a);
            if (a.accepted()) {
                form.set(Form.NONE);
            } else {
                problem.set("Not sent: " + a.reason());
            }
        }, failure -> {
            panel.sentBack(channel, Answer.refused(failure));
            problem.set(failure + " — nothing was decided; send it again.");
        });
    }

    public ObjectProperty<Form> formProperty() {
        return form;
    }

    public StringProperty feedbackProperty() {
        return feedback;
    }

    public StringProperty handNoteProperty() {
        return handNote;
    }

    /** The action an override shows next (or that a step done by hand stands for). */
    public ObjectProperty<Fitting> chosenProperty() {
        return chosen;
    }

    /** The runbook actions that fit the ticket now; empty when this console cannot tell (a joined server's refusal
     * then names them). */
    public ObservableList<Fitting> fitting() {
        return fitting;
    }

    /** Why the form did not send, or empty. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }
}
