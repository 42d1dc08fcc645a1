package dev.opsdeck.desktop.signoff;

import dev.opsdeck.desktop.look.Looks;
import dev.opsdeck.desktop.tickets.ActionLines;
import dev.opsdeck.engine.event.EngineEvent.SignOffRequested;
import dev.opsdeck.engine.ticket.Disruptive;
import java.util.List;
import java.util.Map;
import javafx.animation.KeyFrame;
import javafx.animation.KeyValue;
import javafx.animation.Timeline;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The sign-off panel: non-modal, beside the rails, so the operator keeps seeing the workflow while deciding. The
 * buttons name their ticket and take an answer only once the request has been on screen a moment (a bar fills while
 * it arms); Ctrl+Shift+A / D / R and Alt+A / D / R press them, once per key press (a held key does not repeat). The
 * note goes with the verdict and never decides. Below, every waiting sign-off, most urgent first: a click brings one
 * to the panel.
 */
public final class SignOffView {

    public static final KeyCombination APPROVE = new KeyCodeCombination(KeyCode.A, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    public static final KeyCombination DEFER = new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    public static final KeyCombination REJECT = new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    private static final KeyCombination ALT_APPROVE = new KeyCodeCombination(KeyCode.A, KeyCombination.ALT_DOWN);
    private static final KeyCombination ALT_DEFER = new KeyCodeCombination(KeyCode.D, KeyCombination.ALT_DOWN);
    private static final KeyCombination ALT_REJECT = new KeyCodeCombination(KeyCode.R, KeyCombination.ALT_DOWN);
    private static final PseudoClass DISRUPTIVE = PseudoClass.getPseudoClass("disruptive");
    private static final PseudoClass SHOWN = PseudoClass.getPseudoClass("shown");

    /** Rows of the waiting list on the panel. */
    private static final int QUEUE_ROWS = 3;

    private final SignOffViewModel model;
    private final KeyRepeat keys = new KeyRepeat();
    /** A request set on the panel and not yet laid out by a pulse (see {@link SignOffViewModel#drawn}). */
    private SignOffRequested toDraw;
    private Runnable drawnCheck;

    public SignOffView(SignOffViewModel model) {
        this.model = model;
    }

    public Node createView() {
        Label kicker = new Label();
        kicker.getStyleClass().add("signoff-kicker");
        kicker.textProperty().bind(Bindings.when(model.openProperty()).then("⚑ DECISION REQUIRED").otherwise("SIGN-OFF"));
        Label others = new Label();
        others.setId("signoff-others");
        others.getStyleClass().add("signoff-others");
        others.textProperty().bind(model.othersProperty());
        Label countdown = new Label();
        countdown.setId("signoff-countdown");
        countdown.getStyleClass().addAll("countdown", "mono");
        countdown.textProperty().bind(Bindings.createStringBinding(() -> {
            long s = model.remainingProperty().get();
            return String.format("%d:%02d", s / 60, s % 60);
        }, model.remainingProperty()));
        countdown.visibleProperty().bind(model.openProperty());
        PseudoClass warning = PseudoClass.getPseudoClass("warning");
        model.warningProperty().addListener((o, was, now) -> countdown.pseudoClassStateChanged(warning, now));
        // A SEV1 waiting behind the request on the panel: named in red where the header is, and shown only when
        // the operator asks, so the request being read (and its buttons) never changes under the cursor.
        Button urgent = new Button();
        urgent.setId("signoff-urgent");
        urgent.getStyleClass().add("signoff-urgent");
        urgent.textProperty().bind(model.urgentProperty());
        urgent.visibleProperty().bind(model.urgentProperty().isNotEmpty());
        urgent.managedProperty().bind(urgent.visibleProperty());
        urgent.setFocusTraversable(false);
        urgent.setOnAction(e -> model.showUrgent());
        others.visibleProperty().bind(urgent.visibleProperty().not());
        others.managedProperty().bind(others.visibleProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(8, kicker, others, urgent, spacer, countdown);
        top.setAlignment(Pos.CENTER_LEFT);
        // One height whether the header holds words or the SEV1's button: nothing below it moves when one comes.
        top.setMinHeight(26);
        top.setPrefHeight(26);
        top.setMaxHeight(26);

        Label headline = new Label();
        headline.setId("signoff-ticket");
        headline.getStyleClass().addAll("signoff-title", "mono");
        headline.textProperty().bind(model.headlineProperty());
        // One line, always: a title that wrapped for a longer ticket moved everything below it under the cursor.
        headline.setWrapText(false);
        javafx.scene.control.Tooltip whole = new javafx.scene.control.Tooltip();
        whole.textProperty().bind(model.headlineProperty());
        headline.setTooltip(whole);

        // What the decision lets run, before anything else: the disruptive step, with how sure the RCA is.
        Label effect = wrap("signoff-effect");
        effect.getStyleClass().add("signoff-effect");
        fullHeight(effect);
        Label confidence = new Label();
        confidence.setId("signoff-confidence");
        confidence.getStyleClass().add("signoff-confidence");
        confidence.textProperty().bind(Bindings.concat("RCA confidence: ", model.confidenceProperty()));
        model.confidenceProperty().addListener((o, was, now) -> Looks.swap(confidence, Looks.of(was), Looks.of(now)));
        Label track = wrap("signoff-track");
        track.getStyleClass().add("muted");
        track.textProperty().bind(model.trackProperty());
        track.managedProperty().bind(track.textProperty().isNotEmpty());
        track.visibleProperty().bind(track.textProperty().isNotEmpty());
        VBox changes = new VBox(4, effect, confidence);
        // Each action exactly as it would run, with its dry run: first among the texts that scroll, so a long list
        // never pushes the buttons and the note off the panel.
        Label actionList = wrap("signoff-runbook-actions");
        actionList.getStyleClass().addAll("signoff-step", "mono");
        actionList.managedProperty().bind(actionList.textProperty().isNotEmpty());
        actionList.visibleProperty().bind(actionList.textProperty().isNotEmpty());
        changes.getStyleClass().add("signoff-changes");

        Label question = wrap("signoff-question");
        VBox recs = new VBox(2);
        recs.setId("signoff-recommendations");
        Label fixers = wrap("signoff-fixers");
        fixers.getStyleClass().add("muted");
        model.requestProperty().addListener((o, was, r) -> describe(r, question, effect, actionList, recs, fixers));

        Button approve = decision("approve", model::approve);
        Button defer = decision("defer", model::defer);
        Button reject = decision("reject", model::reject);
        approve.textProperty().bind(Bindings.concat("Approve ", model.ticketIdProperty()));
        defer.textProperty().bind(Bindings.concat("Defer ", model.ticketIdProperty()));
        reject.textProperty().bind(Bindings.concat("Reject ", model.ticketIdProperty()));
        // A flow, not a row: a button is never narrower than its text (the ticket it answers for must show), and
        // a narrow panel wraps them rather than clipping one under another's neighbour.
        FlowPane buttons = new FlowPane(8, 6, approve, defer, reject);
        for (Button b : List.of(approve, defer, reject)) {
            b.disableProperty().bind(model.armedProperty().not().or(model.busyProperty()));
            b.setMinWidth(Region.USE_PREF_SIZE);
            // One height for every request (a button's height followed its text's from one request to the next).
            b.setMinHeight(32);
            b.setPrefHeight(32);
            b.setMaxHeight(32);
        }
        ProgressBar arming = new ProgressBar(0);
        arming.setId("signoff-arming");
        arming.setMaxWidth(Double.MAX_VALUE);
        arming.getStyleClass().add("signoff-arming");
        Label armingText = new Label();
        armingText.setId("signoff-arming-text");
        armingText.getStyleClass().add("muted");
        armingText.textProperty().bind(Bindings.when(model.armedProperty())
                .then("Armed: answer with a button or its keys").otherwise("Read the request: the buttons arm in a moment"));
        VBox armingBox = new VBox(2, arming, armingText);
        // Kept in place while the request is open, armed or not: had it gone at arming, the buttons would have moved
        // up under the cursor just as they began to take a click.
        arming.visibleProperty().bind(model.armedProperty().not());
        armingBox.visibleProperty().bind(model.openProperty());
        armingBox.managedProperty().bind(armingBox.visibleProperty());
        Timeline fill = new Timeline(new KeyFrame(Duration.ZERO, new KeyValue(arming.progressProperty(), 0)),
                new KeyFrame(Duration.millis(SignOffViewModel.ARMING.toMillis()),
                        new KeyValue(arming.progressProperty(), 1)));
        // The bar fills, and the buttons arm, from the pulse that drew the request: counted from when the request
        // was set, a busy window (a burst, the panel's first layout) armed it before the bar was ever seen.
        model.drawnByAView();
        model.requestProperty().addListener((o, was, r) -> {
            fill.stop();
            arming.setProgress(0);
            if (r != null && arming.getScene() == null) {
                model.drawn(r); // not in a window (never the console's case): nothing to wait for
            } else if (r != null) {
                toDraw = r;
                javafx.application.Platform.requestNextPulse();
            }
        });
        // Told after a pulse has laid the request out; that pulse draws it.
        drawnCheck = () -> {
            SignOffRequested r = toDraw;
            if (r != null) {
                toDraw = null;
                if (r == model.requestProperty().get()) {
                    model.drawn(r);
                    fill.playFromStart();
                }
            }
        };

        TextField note = new TextField();
        note.setId("signoff-note");
        note.setPromptText("Note to the fixers (optional; it decides nothing)");
        note.textProperty().bindBidirectional(model.noteProperty());
        note.setOnAction(e -> model.noteEntered());
        Label keysHint = new Label("Ctrl+Shift+A approve · Ctrl+Shift+D defer · Ctrl+Shift+R reject");
        keysHint.getStyleClass().add("shortcut");
        VBox actions = new VBox(8, armingBox, buttons, note, new SendBackView(model).createView(), keysHint);
        actions.setId("signoff-actions");
        actions.visibleProperty().bind(model.openProperty());
        actions.managedProperty().bind(actions.visibleProperty());

        Label notice = new Label();
        notice.setId("signoff-notice");
        notice.getStyleClass().add("signoff-notice");
        notice.setWrapText(true);
        fullHeight(notice);
        notice.textProperty().bind(model.noticeProperty());
        notice.visibleProperty().bind(model.noticeProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());
        model.noticeLookProperty().addListener((o, was, now) -> Looks.swap(notice, Looks.of(was), Looks.of(now)));
        Button dismiss = new Button("Dismiss");
        dismiss.setId("signoff-dismiss");
        dismiss.setOnAction(e -> model.dismiss());
        dismiss.visibleProperty().bind(model.openProperty().not());
        dismiss.managedProperty().bind(dismiss.visibleProperty());

        ListView<Waiting> queue = new ListView<>(model.waiting());
        queue.setId("signoff-queue");
        queue.getStyleClass().add("signoff-queue");
        queue.setFixedCellSize(24);
        // One height while the panel shows, however many wait (more scroll in it): a second request arriving (a SEV1
        // behind the one being read) grew the list and moved the buttons above it by 51 px in a cramped panel.
        queue.setPrefHeight(QUEUE_ROWS * 24 + 4);
        queue.setMinHeight(QUEUE_ROWS * 24 + 4);
        queue.setMaxHeight(QUEUE_ROWS * 24 + 4);
        queue.visibleProperty().bind(model.visibleProperty());
        queue.managedProperty().bind(queue.visibleProperty());
        queue.setCellFactory(v -> new WaitingCell());
        queue.setOnMouseClicked(e -> pick(queue));
        queue.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                pick(queue);
            }
        });
        Label queueTitle = new Label("WAITING — most urgent first");
        queueTitle.getStyleClass().add("signoff-kicker");
        queueTitle.visibleProperty().bind(queue.visibleProperty());
        queueTitle.managedProperty().bind(queue.visibleProperty());

        // The long texts scroll inside the panel: its minimum height is then the buttons' and the header's, known
        // without laying out wrapped text. The buttons stay on screen however long the RCA.
        VBox texts = new VBox(6, actionList, track, question, recs, fixers);
        texts.getStyleClass().add("signoff-texts");
        ScrollPane details = new ScrollPane(texts);
        details.setId("signoff-details");
        details.getStyleClass().add("signoff-details");
        details.setFitToWidth(true);
        details.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        details.setMinHeight(48);
        VBox.setVgrow(details, Priority.ALWAYS);

        VBox panel = new VBox(top, headline, changes, details, actions, notice, dismiss, queueTitle, queue);
        panel.setId("signoff-panel");
        panel.getStyleClass().add("signoff");
        panel.setPrefWidth(400);
        panel.setMinWidth(360);
        panel.setMaxWidth(420);
        panel.visibleProperty().bind(model.visibleProperty());
        panel.managedProperty().bind(panel.visibleProperty());
        // A pseudo-class, not a style class: with sign-offs answered back to back the panel flips between open and
        // answered every frame, and a style-class change re-matches every rule against the whole panel.
        PseudoClass closed = PseudoClass.getPseudoClass("closed");
        model.openProperty().addListener((o, was, now) -> panel.pseudoClassStateChanged(closed, !now));

        panel.sceneProperty().addListener((o, was, scene) -> {
            installShortcuts(scene);
            if (was != null) {
                was.removePostLayoutPulseListener(drawnCheck);
            }
            if (scene != null) {
                scene.addPostLayoutPulseListener(drawnCheck);
            }
        });
        return panel;
    }

    private void pick(ListView<Waiting> queue) {
        Waiting w = queue.getSelectionModel().getSelectedItem();
        if (w != null) {
            model.select(w.ticketId());
        }
    }

    /**
     * The decision keys, in a filter of our own rather than as accelerators: a held key's auto-repeat must be told
     * from a press, and only a filter sees every press and release before anything acts on it.
     */
    private void installShortcuts(Scene scene) {
        if (scene == null) {
            return;
        }
        Map<KeyCombination, Runnable> decisions = Map.of(APPROVE, model::approve, DEFER, model::defer,
                REJECT, model::reject, ALT_APPROVE, model::approve, ALT_DEFER, model::defer, ALT_REJECT, model::reject);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            boolean first = keys.firstPress(e.getCode());
            for (Map.Entry<KeyCombination, Runnable> d : decisions.entrySet()) {
                if (d.getKey().match(e)) {
                    e.consume();
                    if (first) {
                        d.getValue().run();
                    }
                    return;
                }
            }
        });
        scene.addEventFilter(KeyEvent.KEY_RELEASED, e -> keys.released(e.getCode()));
        scene.windowProperty().addListener((o, was, w) -> {
            if (w != null) {
                w.focusedProperty().addListener((f, had, has) -> keys.forget());
            }
        });
    }

    private static void describe(SignOffRequested r, Label question, Label effect, Label actionList, VBox recs,
            Label fixers) {
        if (r == null) {
            return;
        }
        question.setText("Approve the disruptive remediation for " + r.ticketId() + "? The other fixers keep working "
                + "while this is pending.");
        List<Integer> disruptive = Disruptive.among(r.recommendations());
        // What approving runs, exactly as it runs; with no runbook action, nothing runs and the steps are advice.
        effect.setText(!r.actions().isEmpty()
                ? "Approving runs exactly the " + r.actions().size() + " runbook action(s) below, and nothing else."
                : "No runbook action fits: approving runs nothing; the steps below are advice for the owning team.");
        actionList.setText(String.join("\n", ActionLines.toApprove(r.actions())));
        // The step labels are kept and re-used from one request to the next (only their words and marks change):
        // new labels at each request were new nodes to style while a burst's sign-offs came back to back.
        List<String> steps = r.recommendations().isEmpty() ? List.of("(no recommendations recorded)")
                : r.recommendations();
        while (recs.getChildren().size() < steps.size()) {
            Label step = new Label();
            step.setWrapText(true);
            step.getStyleClass().addAll("signoff-step", "mono");
            step.managedProperty().bind(step.visibleProperty());
            recs.getChildren().add(step);
        }
        for (int i = 0; i < recs.getChildren().size(); i++) {
            Label step = (Label) recs.getChildren().get(i);
            boolean used = i < steps.size();
            step.setVisible(used);
            step.setText(!used ? "" : r.recommendations().isEmpty() ? steps.get(i) : (i + 1) + ". " + steps.get(i));
            step.pseudoClassStateChanged(DISRUPTIVE, used && disruptive.contains(i));
        }
        fixers.setText("Fixers: " + String.join(", ", r.fixers()) + (r.rca().isBlank() ? "" : "\nRCA: " + r.rca()));
    }

    /** A wrapped label is as tall as its text: squeezed, it would cut the ticket or the step off mid-line. */
    private static void fullHeight(Label l) {
        l.setMinHeight(Region.USE_PREF_SIZE);
    }

    private static Label wrap(String id) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        return l;
    }

    private static Button decision(String style, Runnable action) {
        Button b = new Button();
        b.setId("signoff-" + style);
        b.setMnemonicParsing(false);
        b.getStyleClass().add(style);
        b.setOnAction(e -> action.run());
        return b;
    }

    /**
     * One waiting sign-off: severity, ticket, what, time left; the one on the panel marked. Each cell follows the
     * panel's request itself: refreshing the list instead threw every cell away and made new ones (new skins, first
     * styling) at each request, which with sign-offs answered back to back was every few pulses.
     */
    private final class WaitingCell extends ListCell<Waiting> {
        private PseudoClass sevLook;
        /** Held by the cell: the model holds it only weakly, so a cell the list drops is not kept alive. */
        private final InvalidationListener panelChanged = o -> markShown();

        WaitingCell() {
            model.requestProperty().addListener(new WeakInvalidationListener(panelChanged));
            model.openProperty().addListener(new WeakInvalidationListener(panelChanged));
        }

        @Override
        protected void updateItem(Waiting w, boolean empty) {
            super.updateItem(w, empty);
            sevLook = Looks.swap(this, sevLook, empty || w == null ? null : Looks.of(w.sev()));
            markShown();
            setText(empty || w == null ? null : w.label());
        }

        private void markShown() {
            Waiting w = getItem();
            SignOffRequested shown = model.requestProperty().get();
            pseudoClassStateChanged(SHOWN, !isEmpty() && w != null && shown != null
                    && shown.channelId().equals(w.channelId()) && model.openProperty().get());
        }
    }
}
