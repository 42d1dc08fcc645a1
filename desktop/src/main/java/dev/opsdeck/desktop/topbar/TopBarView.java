package dev.opsdeck.desktop.topbar;

import javafx.beans.binding.StringBinding;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import java.util.List;

/** Title, reasoning badge, bridge status, the shift's figures, and the settings button. */
public final class TopBarView {

    private static final javafx.css.PseudoClass ATTENTION = javafx.css.PseudoClass.getPseudoClass("attention");

    private final TopBarViewModel model;
    private final Runnable openSettings;

    public TopBarView(TopBarViewModel model, Runnable openSettings) {
        this.model = model;
        this.openSettings = openSettings;
    }

    public Node createView() {
        Label title = new Label("OpsDeck");
        title.getStyleClass().add("app-title");
        Label sub = new Label("ON-CALL CONSOLE · PARALLEL AGENT WORKFLOWS");
        sub.getStyleClass().add("app-sub");
        VBox titles = new VBox(0, title, sub);

        Label reasoning = new Label();
        reasoning.setId("reasoning-badge");
        reasoning.getStyleClass().addAll("badge", "badge-reasoning");
        reasoning.textProperty().bind(model.reasoningProperty());

        // Long (a database URL, a team name): it gives way to the figures and shows whole in its tooltip.
        Label server = new Label();
        server.setId("server-name");
        server.getStyleClass().addAll("badge", "mono");
        server.textProperty().bind(model.serverProperty());
        server.setMinWidth(0);
        server.setMaxWidth(360);
        javafx.scene.control.Tooltip where = new javafx.scene.control.Tooltip();
        where.textProperty().bind(model.serverProperty());
        server.setTooltip(where);

        // Compact ("here: you · alice · bob +3"); everyone, how and since when in its tooltip.
        Label people = new Label();
        people.setId("presence");
        people.getStyleClass().addAll("badge", "badge-presence");
        people.textProperty().bind(model.peopleProperty());
        // Whole, never an ellipsis: it is short by design (three names of at most 12 characters and "+n").
        people.setMinWidth(Region.USE_PREF_SIZE);
        javafx.scene.control.Tooltip who = new javafx.scene.control.Tooltip();
        who.textProperty().bind(model.peopleTipProperty());
        people.setTooltip(who);

        Label bridge = new Label();
        bridge.setId("bridge-status");
        bridge.getStyleClass().addAll("badge", "badge-bridge", "mono");
        bridge.textProperty().bind(model.bridgeProperty());
        model.bridgeProperty().addListener((o, was, now) -> bridge.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("on"), now.contains("ws://")));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);

        Node awaiting = stat("AWAITING YOU", model.awaitingProperty(), "stat-awaiting");
        Node followups = stat("NEEDS FOLLOW-UP", model.followupsProperty(), "stat-followups");
        model.followupsWaitingProperty().addListener((o, was, now) -> followups.pseudoClassStateChanged(ATTENTION, now));
        // A pseudo-class over a frame that is always there: with sign-offs asked and answered back to back it flips
        // every frame, and a style class re-matched the stat's CSS while a border that came and went changed the
        // bar's height, which made the whole window repaint.
        model.attentionProperty().addListener((o, was, now) -> awaiting.pseudoClassStateChanged(ATTENTION, now));
        awaiting.pseudoClassStateChanged(ATTENTION, model.attentionProperty().get());

        Button settings = new Button("⚙");
        settings.setId("open-settings");
        settings.getStyleClass().add("ghost");
        settings.setOnAction(e -> openSettings.run());

        // At 1366 px there is room for the figures whole but not for the tagline too: it goes, the figures stay.
        for (Label whole : List.of(title, reasoning, bridge)) {
            whole.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox bar = new HBox(titles, reasoning, server, people, bridge, spacer,
                stat("TOTAL TICKETS", model.totalProperty(), "stat-total"),
                stat("AVG TIME TO RCA", model.averageRcaProperty(), "stat-rca"),
                stat("PARALLEL SPEED-UP", model.speedUpProperty(), "stat-speedup"),
                awaiting, followups, settings);
        bar.getStyleClass().add("top-bar");
        sub.visibleProperty().bind(bar.widthProperty().greaterThan(1500));
        sub.managedProperty().bind(sub.visibleProperty());
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private static Node stat(String label, StringBinding value, String id) {
        Label v = new Label();
        v.setId(id);
        v.getStyleClass().add("stat-value");
        v.textProperty().bind(value);
        Label l = new Label(label);
        l.getStyleClass().add("stat-label");
        v.setMinWidth(Region.USE_PREF_SIZE);
        l.setMinWidth(Region.USE_PREF_SIZE);
        VBox box = new VBox(0, v, l);
        box.getStyleClass().add("stat");
        box.setAlignment(Pos.CENTER_RIGHT);
        return box;
    }
}
