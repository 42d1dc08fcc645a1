package dev.opsdeck.desktop.signoff;

import dev.opsdeck.engine.event.EngineEvent.SignOffRequested;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The sign-off panel: non-modal, on the right, so the operator keeps seeing the rail while deciding. Ctrl+Shift+A /
 * D / R approve, defer, reject; Enter in the reply field sends the reply.
 */
public final class SignOffView {

    public static final KeyCombination APPROVE = new KeyCodeCombination(KeyCode.A, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    public static final KeyCombination DEFER = new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    public static final KeyCombination REJECT = new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);

    private final SignOffViewModel model;

    public SignOffView(SignOffViewModel model) {
        this.model = model;
    }

    public Node createView() {
        Label kicker = new Label();
        kicker.getStyleClass().add("signoff-kicker");
        kicker.textProperty().bind(Bindings.when(model.openProperty())
                .then(Bindings.concat("⚑ DECISION REQUIRED", Bindings.when(model.queuedProperty().greaterThan(0))
                        .then(Bindings.concat(" · ", model.queuedProperty(), " more waiting")).otherwise("")))
                .otherwise("SIGN-OFF"));
        Label countdown = new Label();
        countdown.setId("signoff-countdown");
        countdown.getStyleClass().addAll("countdown", "mono");
        countdown.textProperty().bind(Bindings.createStringBinding(() -> {
            long s = model.remainingProperty().get();
            return String.format("%d:%02d", s / 60, s % 60);
        }, model.remainingProperty()));
        countdown.visibleProperty().bind(model.openProperty());
        javafx.css.PseudoClass warning = javafx.css.PseudoClass.getPseudoClass("warning");
        model.warningProperty().addListener((o, was, now) -> countdown.pseudoClassStateChanged(warning, now));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(8, kicker, spacer, countdown);
        top.setAlignment(Pos.CENTER_LEFT);

        Label headline = new Label();
        headline.setId("signoff-ticket");
        headline.getStyleClass().addAll("signoff-title", "mono");
        headline.textProperty().bind(model.headlineProperty());
        Label question = wrap("signoff-question");
        Label recs = wrap("signoff-recommendations");
        recs.getStyleClass().add("mono");
        Label fixers = wrap("signoff-fixers");
        fixers.getStyleClass().add("muted");
        model.requestProperty().addListener((o, was, r) -> describe(r, question, recs, fixers));

        Button approve = decision("_Approve", "approve", model::approve);
        Button defer = decision("_Defer disruptive step", "defer", model::defer);
        Button reject = decision("_Reject", "reject", model::reject);
        HBox buttons = new HBox(8, approve, defer, reject);
        TextField reply = new TextField();
        reply.setId("signoff-reply");
        reply.setPromptText("…or type a reply to the fixers (Enter sends)");
        reply.textProperty().bindBidirectional(model.replyProperty());
        reply.setOnAction(e -> model.sendReply());
        Button send = new Button("Send");
        send.setId("signoff-send");
        send.setOnAction(e -> model.sendReply());
        send.disableProperty().bind(model.replyProperty().isEmpty().or(model.busyProperty()));
        HBox.setHgrow(reply, Priority.ALWAYS);
        HBox replyRow = new HBox(6, reply, send);
        Label keys = new Label("Ctrl+Shift+A approve · Ctrl+Shift+D defer · Ctrl+Shift+R reject");
        keys.getStyleClass().add("shortcut");
        VBox actions = new VBox(8, buttons, replyRow, keys);
        actions.setId("signoff-actions");
        actions.visibleProperty().bind(model.openProperty());
        actions.managedProperty().bind(actions.visibleProperty());
        actions.disableProperty().bind(model.busyProperty());

        Label notice = new Label();
        notice.setId("signoff-notice");
        notice.getStyleClass().add("signoff-notice");
        notice.textProperty().bind(model.noticeProperty());
        notice.visibleProperty().bind(model.noticeProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());
        Button dismiss = new Button("Dismiss");
        dismiss.setId("signoff-dismiss");
        dismiss.setOnAction(e -> model.dismiss());
        dismiss.visibleProperty().bind(model.openProperty().not());
        dismiss.managedProperty().bind(dismiss.visibleProperty());

        // The long texts scroll inside the panel: its minimum height is then the buttons' and the header's, known
        // without laying out wrapped text, and the workflow area (whose minimum it sets) is not measured through
        // every recommendation each time a sign-off is shown. The buttons stay on screen however long the RCA.
        VBox texts = new VBox(question, recs, fixers);
        texts.getStyleClass().add("signoff-texts");
        ScrollPane details = new ScrollPane(texts);
        details.setId("signoff-details");
        details.getStyleClass().add("signoff-details");
        details.setFitToWidth(true);
        details.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        details.setMinHeight(48);
        VBox.setVgrow(details, Priority.ALWAYS);

        VBox panel = new VBox(top, headline, details, actions, notice, dismiss);
        panel.setId("signoff-panel");
        panel.getStyleClass().add("signoff");
        panel.setPrefWidth(400);
        panel.setMinWidth(360);
        panel.setMaxWidth(420);
        panel.visibleProperty().bind(model.visibleProperty());
        panel.managedProperty().bind(panel.visibleProperty());
        // A pseudo-class, not a style class: with sign-offs answered back to back the panel flips between open and
        // answered every frame, and a style-class change re-matches every rule against the whole panel.
        javafx.css.PseudoClass closed = javafx.css.PseudoClass.getPseudoClass("closed");
        model.openProperty().addListener((o, was, now) -> panel.pseudoClassStateChanged(closed, !now));

        Timeline clock = new Timeline(new KeyFrame(Duration.seconds(1),
                e -> model.tick(System.currentTimeMillis() / 1000.0)));
        clock.setCycleCount(Timeline.INDEFINITE);
        clock.play();

        panel.sceneProperty().addListener((o, was, scene) -> installShortcuts(scene));
        return panel;
    }

    private void installShortcuts(Scene scene) {
        if (scene == null) {
            return;
        }
        scene.getAccelerators().put(APPROVE, model::approve);
        scene.getAccelerators().put(DEFER, model::defer);
        scene.getAccelerators().put(REJECT, model::reject);
    }

    private static void describe(SignOffRequested r, Label question, Label recs, Label fixers) {
        if (r == null) {
            return;
        }
        question.setText("Approve the disruptive remediation for " + r.ticketId() + "? The other fixers keep working "
                + "while this is pending.");
        StringBuilder b = new StringBuilder();
        int n = 1;
        for (String s : r.recommendations()) {
            b.append(n++).append(". ").append(s).append('\n');
        }
        recs.setText(b.length() == 0 ? "(no recommendations recorded)" : b.toString().trim());
        fixers.setText("Fixers: " + String.join(", ", r.fixers()) + (r.rca().isBlank() ? "" : "\nRCA: " + r.rca()));
    }

    private static Label wrap(String id) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        return l;
    }

    private static Button decision(String text, String style, Runnable action) {
        Button b = new Button(text);
        b.setId("signoff-" + style);
        b.setMnemonicParsing(true);
        b.getStyleClass().add(style);
        b.setOnAction(e -> action.run());
        return b;
    }
}
