package dev.opsdeck.desktop.signoff;

import dev.opsdeck.desktop.port.ConsolePort.Fitting;
import dev.opsdeck.desktop.signoff.SendBackModel.Form;
import dev.opsdeck.engine.flow.Rounds;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/**
 * "Request changes…" and "Override…" under the verdict buttons, each opening a small form the keyboard can drive
 * (its field is focused, Enter sends, Escape closes). The view only binds and forwards; {@link SendBackModel}
 * decides.
 */
final class SendBackView {

    private final SignOffViewModel panel;
    private final SendBackModel model;

    SendBackView(SignOffViewModel panel) {
        this.panel = panel;
        this.model = panel.sendBack();
    }

    Node createView() {
        BooleanBinding idle = panel.armedProperty().not().or(panel.busyProperty());
        Button changes = new Button("Request changes…");
        changes.setId("signoff-changes");
        changes.setMnemonicParsing(false);
        changes.setOnAction(e -> model.openChanges());
        changes.disableProperty().bind(idle);
        Button override = new Button("Override…");
        override.setId("signoff-override");
        override.setMnemonicParsing(false);
        override.setOnAction(e -> model.openOverride());
        override.disableProperty().bind(idle);
        FlowPane openers = new FlowPane(8, 6, changes, override);

        TextField feedback = bounded(new TextField());
        feedback.setId("signoff-feedback");
        feedback.setPromptText("What to change: an action or host to leave out, e.g. \"not db-02: the standby is down\"");
        feedback.textProperty().bindBidirectional(model.feedbackProperty());
        feedback.setOnAction(e -> model.sendChanges());
        Button sendChanges = new Button("Send feedback");
        sendChanges.setId("signoff-send-changes");
        sendChanges.setOnAction(e -> model.sendChanges());
        sendChanges.disableProperty().bind(idle);
        VBox changesForm = form(Form.CHANGES, new Label("Nothing of this proposal runs; a new one is made with your "
                + "feedback and shown for a sign-off of its own."), feedback, sendChanges);

        ComboBox<Fitting> choice = new ComboBox<>(model.fitting());
        choice.setId("signoff-override-choice");
        choice.setPromptText("Another action that fits this ticket");
        choice.setCellFactory(l -> new FittingCell());
        choice.setButtonCell(new FittingCell());
        choice.valueProperty().bindBidirectional(model.chosenProperty());
        Button show = new Button("Show it for sign-off");
        show.setId("signoff-send-override");
        show.setOnAction(e -> model.sendOverride());
        show.disableProperty().bind(idle.or(choice.valueProperty().isNull()));
        TextField hand = bounded(new TextField());
        hand.setId("signoff-hand-note");
        hand.setPromptText("Or what you did by hand, e.g. \"I restarted it myself\"");
        hand.textProperty().bindBidirectional(model.handNoteProperty());
        hand.setOnAction(e -> model.sendByHand());
        Button byHand = new Button("I did it by hand");
        byHand.setId("signoff-send-by-hand");
        byHand.setOnAction(e -> model.sendByHand());
        byHand.disableProperty().bind(idle);
        VBox overrideForm = form(Form.OVERRIDE, new Label("The chosen action is dry-run and shown before anything "
                + "runs; a step done by hand is kept as yours, and the ticket closes Resolved only if the signal "
                + "clears."), choice, show, hand, byHand);

        Label problem = new Label();
        problem.setId("signoff-sendback-problem");
        problem.getStyleClass().add("error");
        problem.setWrapText(true);
        problem.textProperty().bind(model.problemProperty());
        problem.visibleProperty().bind(model.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        model.formProperty().addListener((o, was, now) -> {
            if (now == Form.CHANGES) {
                feedback.requestFocus();
            } else if (now == Form.OVERRIDE) {
                choice.requestFocus();
            }
        });
        VBox box = new VBox(6, openers, changesForm, overrideForm, problem);
        // A filter: a focused field or list would take Escape for itself (an open list still does, to close).
        box.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && model.formProperty().get() != Form.NONE && !choice.isShowing()) {
                model.close();
                e.consume();
            }
        });
        return box;
    }

    private VBox form(Form which, Label intro, Node... fields) {
        intro.setWrapText(true);
        intro.getStyleClass().add("muted");
        VBox f = new VBox(4, intro);
        f.getChildren().addAll(fields);
        f.visibleProperty().bind(model.formProperty().isEqualTo(which));
        f.managedProperty().bind(f.visibleProperty());
        return f;
    }

    /** A field that takes no more than a person's feedback may hold. */
    private static TextField bounded(TextField f) {
        f.setTextFormatter(new TextFormatter<String>(c -> c.getControlNewText().length() <= Rounds.MAX_TEXT ? c
                : null));
        return f;
    }

    private static final class FittingCell extends ListCell<Fitting> {
        @Override
        protected void updateItem(Fitting f, boolean empty) {
            super.updateItem(f, empty);
            setText(empty || f == null ? null : f.id() + " [" + f.risk() + "] " + f.title() + " — runs: " + f.run());
        }
    }
}
