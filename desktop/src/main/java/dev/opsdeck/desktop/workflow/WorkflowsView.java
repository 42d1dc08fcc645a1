package dev.opsdeck.desktop.workflow;

import dev.opsdeck.engine.workflow.Stage;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.HBox;

/**
 * Centre: the Diagnosis and Remediation tabs, each badge counting its open workflows, the Remediation tab marked
 * while a sign-off waits. The cards are list cells, so only the visible ones are drawn however many are open.
 */
public final class WorkflowsView {

    private final WorkflowsViewModel model;

    public WorkflowsView(WorkflowsViewModel model) {
        this.model = model;
    }

    public Node createView() {
        TabPane tabs = new TabPane(tab(Stage.DIAGNOSIS, "Diagnosis"), tab(Stage.REMEDIATION, "Remediation"));
        tabs.setId("workflow-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        // A new sign-off brings the operator to the stage that needs them.
        model.attentionProperty().addListener((o, was, now) -> {
            if (now) {
                tabs.getSelectionModel().select(1);
            }
        });
        return tabs;
    }

    private Tab tab(Stage stage, String title) {
        Label name = new Label(title);
        Label badge = new Label();
        badge.setId("badge-" + stage.wire());
        badge.getStyleClass().add("tab-badge");
        if (stage == Stage.REMEDIATION) {
            badge.getStyleClass().add("rem");
        }
        badge.textProperty().bind(model.openProperty(stage).asString());
        HBox graphic = new HBox(6, name, badge);
        if (stage == Stage.REMEDIATION) {
            Label attention = new Label("⚑ input needed");
            attention.setId("attention-marker");
            attention.getStyleClass().add("attention");
            attention.visibleProperty().bind(model.attentionProperty());
            attention.managedProperty().bind(attention.visibleProperty());
            graphic.getChildren().add(attention);
        }
        ListView<ChannelViewModel> list = new ListView<>(model.channels(stage));
        list.setId("workflows-" + stage.wire());
        list.setCellFactory(v -> new ChannelCell());
        list.setPlaceholder(new Label(stage == Stage.DIAGNOSIS
                ? "No diagnosis running — inject an incident from Monitoring."
                : "No remediation yet — it starts when a diagnosis recommends steps."));
        Tab tab = new Tab(null, list);
        tab.setGraphic(graphic);
        return tab;
    }

    /** Redraws its card whenever the channel's rail changes; follows the stream, never a timer. */
    private static final class ChannelCell extends ListCell<ChannelViewModel> {
        private final ChangeListener<Rail> redraw = (o, was, now) -> draw();
        private ChannelViewModel shown;

        ChannelCell() {
            setPadding(new Insets(4, 6, 4, 6));
        }

        @Override
        protected void updateItem(ChannelViewModel c, boolean empty) {
            super.updateItem(c, empty);
            if (shown != null) {
                shown.railProperty().removeListener(redraw);
            }
            shown = empty ? null : c;
            if (shown != null) {
                shown.railProperty().addListener(redraw);
            }
            draw();
        }

        private void draw() {
            setGraphic(shown == null ? null : RailView.draw(shown));
        }
    }
}
