package dev.opsdeck.desktop.monitoring;

import dev.opsdeck.engine.world.Incident;
import dev.opsdeck.engine.world.World;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.collections.SetChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Left column: the monitored systems with their inject buttons, the simulation switch, and the live log stream. */
public final class MonitoringView {

    /** Inject buttons shown per system; a larger catalogue puts the rest in a menu. */
    static final int BUTTONS_PER_SYSTEM = 4;
    private static final javafx.css.PseudoClass COOLING = javafx.css.PseudoClass.getPseudoClass("cooling");

    private final MonitoringViewModel model;
    private final Supplier<CustomIncidentDialog> customDialog;

    public MonitoringView(MonitoringViewModel model, Supplier<CustomIncidentDialog> customDialog) {
        this.model = model;
        this.customDialog = customDialog;
    }

    public Node createView() {
        Label title = new Label("MONITORING");
        title.getStyleClass().add("section-title");
        Label count = new Label(model.world().systems().size() + " nodes");
        count.getStyleClass().add("pill-count");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);

        Button sim = new Button();
        sim.setId("toggle-simulation");
        sim.textProperty().bind(Bindings.when(model.runningProperty()).then("■ Stop simulation")
                .otherwise("▶ Start simulation"));
        model.runningProperty().addListener((o, was, now) -> styleSim(sim, now));
        styleSim(sim, model.runningProperty().get());
        sim.setOnAction(e -> model.toggleSimulation());

        Button custom = new Button("Custom incident…");
        custom.setId("custom-incident");
        custom.setOnAction(e -> customDialog.get().showAndWait().ifPresent(model::injectCustom));

        Button reset = new Button("Reset…");
        reset.setId("reset-board");
        reset.setOnAction(e -> confirmReset(reset));

        HBox head = new HBox(8, title, count, spacer, reset);
        head.setAlignment(Pos.CENTER_LEFT);
        // A flow, not a row: a narrow column wraps the buttons rather than cutting their words.
        FlowPane actions = new FlowPane(8, 6, sim, custom);
        // One height whatever the switch says (its glyph and weight change): nothing below moves when it flips.
        for (Button b : List.of(sim, custom)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
            b.setMinHeight(30);
            b.setPrefHeight(30);
            b.setMaxHeight(30);
        }

        // Always there, whatever it says: a hint that came and went moved everything below it under the cursor.
        Label hint = new Label();
        hint.getStyleClass().add("sim-hint");
        hint.textProperty().bind(Bindings.when(model.runningProperty())
                .then("Ambient logs are streaming. Stop pauses them; tickets stay.")
                .otherwise("Start simulation streams ambient logs; tickets stay. Injecting works either way."));
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);

        VBox systems = new VBox(8);
        for (World.SystemInfo s : model.world().systems()) {
            systems.getChildren().add(systemCard(s));
        }
        ScrollPane systemsScroll = new ScrollPane(systems);
        systemsScroll.setFitToWidth(true);
        systemsScroll.setMaxHeight(400);

        Label status = new Label();
        status.setId("inject-status");
        status.getStyleClass().addAll("muted", "small");
        status.textProperty().bind(model.messageProperty());
        status.setWrapText(true);

        Node logs = new LogStreamView(model.shownLogs(), model.errorsOnlyProperty()).createView();
        VBox.setVgrow(logs, Priority.ALWAYS);

        VBox pane = new VBox(8, head, actions, hint, systemsScroll, status, logs);
        pane.getStyleClass().add("pane");
        pane.setMinWidth(350);
        return pane;
    }

    private void confirmReset(Node owner) {
        javafx.scene.control.Alert ask = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
                "Running flows are cancelled (their tickets end Needs Followup), pending sign-offs are withdrawn, and every "
                        + "ticket leaves the board. Nothing is deleted: earlier tickets stay under Tickets › Archived….",
                javafx.scene.control.ButtonType.CANCEL, javafx.scene.control.ButtonType.OK);
        ask.setTitle("Reset the board");
        ask.setHeaderText("Reset the board?");
        dev.opsdeck.desktop.window.Dialogs.ownedBy(ask, owner.getScene() == null ? null : owner.getScene().getWindow());
        // Cancel is the default: Enter on a dialog that appeared under a busy hand must not wipe the board.
        ((Button) ask.getDialogPane().lookupButton(javafx.scene.control.ButtonType.OK)).setDefaultButton(false);
        ((Button) ask.getDialogPane().lookupButton(javafx.scene.control.ButtonType.CANCEL)).setDefaultButton(true);
        if (owner.getScene() != null) {
            ask.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        ask.showAndWait().filter(javafx.scene.control.ButtonType.OK::equals).ifPresent(ok -> model.resetBoard());
    }

    private static void styleSim(Button b, boolean running) {
        b.getStyleClass().remove("primary");
        if (!running) {
            b.getStyleClass().add("primary");
        }
    }

    private Node systemCard(World.SystemInfo s) {
        Label id = new Label(s.id());
        id.getStyleClass().addAll("system-id", "mono");
        Label kind = new Label(s.kind().toUpperCase(Locale.ROOT));
        kind.getStyleClass().add("kind-tag");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        String st = s.status() == null ? "healthy" : s.status().toLowerCase(Locale.ROOT);
        Label status = new Label("● " + st);
        status.getStyleClass().addAll("status-dot", "status-" + st);
        HBox head = new HBox(8, id, kind, spacer, status);
        head.setAlignment(Pos.CENTER_LEFT);
        // The system and its state say what the card is about: the kind tag gives way first.
        id.setMinWidth(Region.USE_PREF_SIZE);
        status.setMinWidth(Region.USE_PREF_SIZE);

        List<Incident> incidents = model.incidentsOf(s.id());
        FlowPane buttons = new FlowPane(6, 6);
        for (Incident i : incidents.subList(0, Math.min(BUTTONS_PER_SYSTEM, incidents.size()))) {
            buttons.getChildren().add(injectButton(i));
        }
        if (incidents.size() > BUTTONS_PER_SYSTEM) {
            buttons.getChildren().add(moreMenu(s.id(), incidents.subList(BUTTONS_PER_SYSTEM, incidents.size())));
        }
        VBox card = new VBox(6, head);
        if (!buttons.getChildren().isEmpty()) {
            card.getChildren().add(buttons);
        }
        card.getStyleClass().addAll("card", "system-card");
        return card;
    }

    /**
     * The rest of a large catalogue in one menu: a world file can hold hundreds of incidents per system, and as
     * buttons they would bury the log stream and cost every frame a walk over thousands of nodes.
     */
    private MenuButton moreMenu(String system, List<Incident> rest) {
        MenuButton more = new MenuButton(rest.size() + " more…");
        more.setId("more-incidents-" + system);
        more.getStyleClass().add("inject-more");
        Map<String, MenuItem> items = new HashMap<>();
        for (Incident i : rest) {
            MenuItem item = new MenuItem("⚡ " + i.issue() + " — " + i.title());
            item.setId("inject-" + i.key());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> model.inject(i.key()));
            more.getItems().add(item);
            items.put(i.key(), item);
        }
        model.cooling().addListener((SetChangeListener<String>) c -> {
            MenuItem item = items.get(keyOf(c));
            if (item != null) {
                item.setDisable(c.wasAdded());
            }
        });
        return more;
    }

    private Button injectButton(Incident i) {
        String label = "⚡ Inject " + i.issue();
        Button b = new Button(label);
        b.setId("inject-" + i.key());
        b.setMnemonicParsing(false);
        b.getStyleClass().add("inject");
        b.setTooltip(new javafx.scene.control.Tooltip(i.title()));
        b.setOnAction(e -> model.inject(i.key()));
        // Only this button's key; the look a pseudo-class (see Looks). The text stays: a button whose text changed
        // changed its width, the buttons after it re-wrapped, and a second click landed on another incident.
        model.cooling().addListener((SetChangeListener<String>) c -> {
            if (i.key().equals(keyOf(c))) {
                // Not disabled: a disabled button hands the focus on (to the next system's, scrolling the list);
                // the model ignores a press while it cools down.
                b.pseudoClassStateChanged(COOLING, c.wasAdded());
                b.getTooltip().setText(c.wasAdded() ? "Injected — cooling down" : i.title());
            }
        });
        return b;
    }

    /** The incident key that started or stopped cooling down. */
    private static String keyOf(SetChangeListener.Change<? extends String> c) {
        return c.wasAdded() ? c.getElementAdded() : c.getElementRemoved();
    }
}
