package dev.opsdeck.desktop.workflow;

import dev.opsdeck.desktop.fx.RowsFromTheStart;
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
import javafx.scene.layout.Region;

/**
 * Centre: the Diagnosis and Remediation tabs, each badge counting its open workflows, the Remediation tab marked
 * while a sign-off waits. The cards are list cells, so only the visible ones are drawn however many are open.
 */
public final class WorkflowsView {

    private final WorkflowsViewModel model;
    /** The full names of compact chips, one tooltip per agent for every card (see {@link RailView}). */
    private final AgentTips tips = new AgentTips();

    public WorkflowsView(WorkflowsViewModel model) {
        this.model = model;
    }

    public Node createView() {
        TabPane tabs = new TabPane(tab(Stage.DIAGNOSIS, "Diagnosis"), tab(Stage.REMEDIATION, "Remediation"));
        tabs.setId("workflow-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        // The console never switches the tab on its own (the operator may be reading the other one): markers on the
        // tabs point at what needs them instead.
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
        if (stage == Stage.DIAGNOSIS) {
            Label sev1 = new Label();
            sev1.setId("sev1-marker");
            sev1.getStyleClass().add("attention");
            sev1.textProperty().bind(javafx.beans.binding.Bindings.concat("SEV1 · ", model.sev1DiagnosingProperty()));
            sev1.visibleProperty().bind(model.sev1DiagnosingProperty().greaterThan(0));
            sev1.managedProperty().bind(sev1.visibleProperty());
            graphic.getChildren().add(sev1);
        }
        if (stage == Stage.REMEDIATION) {
            Label attention = new Label("⚑ input needed");
            attention.setId("attention-marker");
            attention.getStyleClass().add("attention");
            attention.visibleProperty().bind(model.attentionProperty());
            attention.managedProperty().bind(attention.visibleProperty());
            graphic.getChildren().add(attention);
        }
        ListView<ChannelViewModel> cards = list(model.openChannels(stage), stage, false,
                stage == Stage.DIAGNOSIS ? DIAGNOSIS_CARD_HEIGHT : REMEDIATION_CARD_HEIGHT);
        cards.setId("workflows-" + stage.wire());
        cards.setPlaceholder(new Label(stage == Stage.DIAGNOSIS
                ? "No diagnosis running — inject an incident from Monitoring."
                : "No remediation running — it starts when a diagnosis recommends steps."));
        ListView<ChannelViewModel> rows = list(model.finishedChannels(stage), stage, true, ROW_HEIGHT);
        rows.setId("finished-" + stage.wire());
        rows.setPlaceholder(new Label(""));
        rows.setPrefHeight(ROW_HEIGHT * 5 + 4);
        rows.setMinHeight(ROW_HEIGHT * 2 + 4);
        Label more = new Label();
        more.getStyleClass().addAll("muted", "small");
        more.textProperty().bind(javafx.beans.binding.Bindings.concat("+ ", model.hiddenOpenProperty(stage),
                " more open workflows (each takes the place of a card that finishes)"));
        more.visibleProperty().bind(model.hiddenOpenProperty(stage).greaterThan(0));
        more.managedProperty().bind(more.visibleProperty());
        Label done = new Label(stage == Stage.DIAGNOSIS ? "DIAGNOSIS COMPLETE" : "CLOSED AFTER REMEDIATION");
        done.getStyleClass().add("section-title");
        done.setPadding(new Insets(4, 0, 0, 6));
        done.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(model.finishedChannels(stage)));
        rows.visibleProperty().bind(done.visibleProperty());
        rows.managedProperty().bind(done.visibleProperty());
        // The finished rows' chips, and a narrow card's, are tags (TB, IL…): their names are said on the same line,
        // below the cards, so the legend's coming moves no card.
        Label legend = new Label(legend(stage));
        legend.setId("legend-" + stage.wire());
        legend.getStyleClass().addAll("muted", "small", "chip-legend");
        legend.setWrapText(true);
        legend.setMinWidth(0);
        javafx.scene.layout.HBox.setHgrow(legend, javafx.scene.layout.Priority.ALWAYS);
        javafx.scene.layout.HBox doneLine = new javafx.scene.layout.HBox(10, done, legend);
        doneLine.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        doneLine.visibleProperty().bind(done.visibleProperty().or(
                javafx.beans.binding.Bindings.isNotEmpty(model.openChannels(stage))));
        doneLine.managedProperty().bind(doneLine.visibleProperty());
        done.managedProperty().bind(done.visibleProperty());
        javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(4, more, cards, doneLine, rows);
        javafx.scene.layout.VBox.setVgrow(cards, javafx.scene.layout.Priority.ALWAYS);
        Tab tab = new Tab(null, box);
        tab.setGraphic(graphic);
        return tab;
    }

    /** "TB TicketBot · IL IntakeLookup · …": the stage's agents in rail order, read off its graph as the rail is. */
    static String legend(Stage stage) {
        Lineup l = Lineup.of(stage);
        java.util.List<String> all = new java.util.ArrayList<>(l.before());
        all.addAll(l.band());
        all.addAll(l.after());
        return all.stream().map(a -> new Chip(a, ChipState.IDLE, "").abbreviation() + " " + a)
                .collect(java.util.stream.Collectors.joining(" · "));
    }

    // Every card of a stage has the same height, and every finished row too: fixed cell sizes spare the lists
    // measuring cells on each change, which during a burst was most of every frame.
    private static final double DIAGNOSIS_CARD_HEIGHT = 178;
    private static final double REMEDIATION_CARD_HEIGHT = 208;
    private static final double ROW_HEIGHT = 42;

    private ListView<ChannelViewModel> list(javafx.collections.ObservableList<ChannelViewModel> items,
            Stage stage, boolean finished, double cellHeight) {
        ListView<ChannelViewModel> list = new ListView<>(items);
        list.setCellFactory(v -> new ChannelCell(stage, finished, tips));
        list.setFixedCellSize(cellHeight);
        RowsFromTheStart.list(list);
        return list;
    }

    /**
     * Shows one channel: its card in an open list, its row in a finished one. Redraws when the channel's rail
     * changes; the console publishes rails paced (see Cadence), so a burst costs one redraw per publish, and an
     * unchanged rail none.
     *
     * <p>The card is the cell's one child and is unmanaged, laid out by {@link CardSkin}. Why: when any cell asks for
     * layout, a list sets up all its visible cells again and re-applies every style of each cell that asked; a cell
     * with a managed card asks at every text change (a chip's mark, the footer), and the cell used to ask at every
     * update, so each publish re-styled every visible card from scratch (the largest share of the FX thread in a
     * burst). An unmanaged card is its own layout root: a change inside it lays out that card alone, and only the
     * labels whose state changed are restyled. A cell given another channel while the list lays out gets that
     * channel's chip colours at the next pulse's styling, a frame later.
     */
    private static final class ChannelCell extends ListCell<ChannelViewModel> {
        private final ChangeListener<Rail> redraw = (o, was, now) -> draw();
        private final boolean finished;
        private final RailView view;
        private final CardSkin skin;
        private ChannelViewModel shown;
        private Rail drawnRail;

        ChannelCell(Stage stage, boolean finished, AgentTips tips) {
            setPadding(new Insets(4, 6, 4, 6));
            // As wide as the list, never wider: a narrow list compacts the card's chips (see RailView) instead of
            // hiding the band and RCA behind a horizontal scrollbar.
            setPrefWidth(0);
            this.finished = finished;
            view = new RailView(stage, tips);
            skin = new CardSkin(this);
            setSkin(skin);
            // The card (or the finished row) is made with the cell and stays its child, hidden while the cell is
            // empty: the lists make their cells with the window (see RowsFromTheStart), so a burst's first
            // workflows fill in nodes that are already made and styled.
            Region node = (Region) view.node(finished);
            node.setVisible(false);
            skin.show(node);
        }

        @Override
        protected void updateItem(ChannelViewModel c, boolean empty) {
            super.updateItem(c, empty);
            ChannelViewModel next = empty ? null : c;
            if (next != shown) {
                if (shown != null) {
                    shown.railProperty().removeListener(redraw);
                }
                shown = next;
                if (shown != null) {
                    shown.railProperty().addListener(redraw);
                }
                drawnRail = null;
            }
            draw();
        }

        private void draw() {
            if (shown == null) {
                skin.node().setVisible(false);
                drawnRail = null;
                return;
            }
            Rail rail = shown.rail();
            if (rail.equals(drawnRail)) {
                return;
            }
            drawnRail = rail;
            // An open list keeps showing a card until the cards are next published, even for a channel that has
            // just closed: its row is the finished list's to show.
            view.show(shown, finished).setVisible(true);
        }
    }

    /** Lays out a cell's one unmanaged child (its card or row) over the cell's content area. */
    private static final class CardSkin extends javafx.scene.control.SkinBase<ChannelCell> {
        private Region node;

        CardSkin(ChannelCell cell) {
            super(cell);
        }

        void show(Region shown) {
            shown.setManaged(false);
            node = shown;
            getChildren().setAll(shown);
        }

        Region node() {
            return node;
        }

        @Override
        protected void layoutChildren(double x, double y, double w, double h) {
            // As a label lays out its graphic: the area, but never below the card's own minimum.
            double width = Math.max(w, node.minWidth(-1));
            node.resizeRelocate(x, y, width, Math.max(h, node.minHeight(width)));
        }

        @Override
        protected double computePrefHeight(double width, double top, double right, double bottom, double left) {
            return top + node.prefHeight(width) + bottom;
        }
    }
}
