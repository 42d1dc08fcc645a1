package dev.opsdeck.desktop.tickets;

import dev.opsdeck.desktop.fx.RowsFromTheStart;
import dev.opsdeck.desktop.look.Looks;
import dev.opsdeck.engine.ticket.Ticket;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The tickets table: sortable, filtered All / Active / Resolved, severity coloured, needs-human marked. */
public final class TicketsView {

    private static final double ROW = 30;
    /** The least height the tickets are given: their head, the table's header and five rows (see ConsoleShell). */
    public static final double MIN_HEIGHT = 2 * 12 + 34 + 8 + 32 + 5 * ROW + 2;


    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final TicketsViewModel model;
    private final Consumer<String> select;
    private final Runnable openArchive;

    /**
     * @param select      told the id of the ticket the operator selects
     * @param openArchive shows the tickets earlier resets archived
     */
    public TicketsView(TicketsViewModel model, Consumer<String> select, Runnable openArchive) {
        this.model = model;
        this.select = select;
        this.openArchive = openArchive;
    }

    public Node createView() {
        Label title = new Label("TICKETS");
        title.getStyleClass().add("section-title");
        ToggleGroup group = new ToggleGroup();
        HBox head = new HBox(8, title);
        head.setAlignment(Pos.CENTER_LEFT);
        for (TicketFilter f : TicketFilter.values()) {
            ToggleButton b = new ToggleButton();
            b.setId("filter-" + f.name().toLowerCase(java.util.Locale.ROOT));
            b.textProperty().bind(switch (f) {
                case ALL -> Bindings.concat("All · ", model.totalProperty());
                case ACTIVE -> Bindings.concat("Active · ", model.activeProperty());
                case RESOLVED -> Bindings.concat("Resolved · ", model.totalProperty().subtract(model.activeProperty()));
            });
            b.setToggleGroup(group);
            b.setMinWidth(Region.USE_PREF_SIZE); // the search box gives way, not the filters' words
            b.setSelected(f == model.filterProperty().get());
            b.setOnAction(e -> {
                model.filterProperty().set(f);
                b.setSelected(true);
            });
            head.getChildren().add(b);
        }

        javafx.scene.control.TextField search = new javafx.scene.control.TextField();
        search.setId("ticket-search");
        search.setPromptText("Search tickets (Ctrl+F): id, system, issue, RCA…");
        search.textProperty().bindBidirectional(model.queryProperty());
        search.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE) {
                search.clear();
            }
        });
        HBox.setHgrow(search, Priority.ALWAYS);
        javafx.scene.control.Button archive = new javafx.scene.control.Button("Archived…");
        archive.setId("open-archive");
        archive.setMinWidth(Region.USE_PREF_SIZE);
        search.setMinWidth(120);
        archive.setOnAction(e -> openArchive.run());
        head.getChildren().addAll(search, archive);

        TableView<TicketRow> table = new TableView<>();
        table.setId("tickets-table");
        SortedList<TicketRow> sorted = new SortedList<>(model.visibleRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        // The table sees a ticket's newer state as an update of its row, not a replace (which rebuilds every cell).
        table.setItems(new InPlaceUpdates<>(sorted));
        // The sorted list under that follows the table's comparator: sorting is done once it is set.
        table.setSortPolicy(t -> true);
        table.setFixedCellSize(ROW);
        table.setPlaceholder(new Label("No tickets yet — inject an incident from Monitoring."));
        RowsFromTheStart.table(table);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        TableColumn<TicketRow, String> id = column("Ticket", r -> r.id(), 78);
        id.setComparator(Comparator.comparingInt(Ticket::number));
        id.setCellFactory(c -> idCell());
        TableColumn<TicketRow, TicketRow> status = new TableColumn<>("Status");
        status.setPrefWidth(170);
        status.setMinWidth(140);
        status.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        status.setComparator(Comparator.comparing(TicketRow::status));
        status.setCellFactory(c -> new StatusCell());
        // The columns that say what a ticket is never shrink below their usual text: the outcome gives way first.
        TableColumn<TicketRow, String> issue = column("Issue", r -> r.ticket().issue(), 150);
        issue.setMinWidth(150);
        TableColumn<TicketRow, String> sev = column("Sev", r -> r.ticket().sev(), 52);
        sev.setCellFactory(c -> new SevCell());
        sev.setMinWidth(48);
        TableColumn<TicketRow, String> system = column("System", r -> r.ticket().system(), 130);
        system.setMinWidth(120);
        TableColumn<TicketRow, String> opened = column("Opened",
                r -> TIME.format(Instant.ofEpochMilli(Math.round(r.ticket().createdAt() * 1000))), 78);
        TableColumn<TicketRow, Double> rca = new TableColumn<>("To RCA");
        rca.setPrefWidth(70);
        rca.setMinWidth(62);
        rca.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().rcaSeconds()));
        rca.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : TicketRow.seconds(v));
            }
        });
        TableColumn<TicketRow, String> outcome = column("Outcome", TicketRow::outcome, 360);
        outcome.setMinWidth(90);
        table.getColumns().setAll(java.util.List.of(id, status, issue, sev, system, opened, rca, outcome));
        id.setSortType(TableColumn.SortType.DESCENDING);
        table.getSortOrder().add(id);

        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(TicketRow r, boolean empty) {
                super.updateItem(r, empty);
                pseudoClassStateChanged(RowStates.NEEDS_HUMAN, !empty && r != null && r.ticket().needsHuman());
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && (was == null || !was.id().equals(now.id()))) {
                select.accept(now.id());
            }
        });

        table.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
        Copying.onCopy(table, () -> String.join("\n", table.getSelectionModel().getSelectedItems().stream()
                .map(r -> String.join("\t", r.id(), r.status().label(), r.ticket().sev(), r.ticket().issue(),
                        r.ticket().system(), r.outcome())).toList()));
        VBox box = new VBox(8, head, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        table.setMinHeight(32 + 5 * ROW + 2);
        box.getStyleClass().add("pane");
        return box;
    }

    private static TableColumn<TicketRow, String> column(String title, Function<TicketRow, String> value, double width) {
        TableColumn<TicketRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setMinWidth(Math.min(width, 70));
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return c;
    }

    /**
     * The ticket id, in its own colour. The style class is set once, on the empty cell too (it has no text to
     * colour): adding it when a ticket first fills the cell made the table match every rule against each such cell
     * again, in the pulse that filled it.
     */
    private static TableCell<TicketRow, String> idCell() {
        TableCell<TicketRow, String> cell = new TableCell<>() {
            @Override
            protected void updateItem(String v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty ? null : v);
            }
        };
        cell.getStyleClass().addAll("cell-id", "mono");
        return cell;
    }

    /** The severity, coloured by a pseudo-class (see {@link Looks}). */
    private static final class SevCell extends TableCell<TicketRow, String> {
        private javafx.css.PseudoClass state;

        SevCell() {
            getStyleClass().addAll("sev-cell", "mono");
        }

        @Override
        protected void updateItem(String v, boolean empty) {
            super.updateItem(v, empty);
            setText(empty ? null : v);
            state = Looks.swap(this, state, empty ? null : Looks.of(v));
        }
    }

    /**
     * The status badge, with a ⚑ when the ticket waits on the operator (its prompt as tooltip). Its nodes are made
     * once per cell and only updated: a burst re-shows these cells every frame.
     */
    private static final class StatusCell extends TableCell<TicketRow, TicketRow> {
        private final Label status = new Label();
        private final Label flag = new Label("⚑");
        private final HBox box = new HBox(6, status, flag);
        /** Made when first needed: a tooltip is a popup with its own scene, costly to make for every row. */
        private Tooltip tip;
        private javafx.css.PseudoClass state;

        StatusCell() {
            status.getStyleClass().add("ticket-status");
            flag.getStyleClass().add("human-marker");
            flag.managedProperty().bind(flag.visibleProperty());
            // Shown from the start, hidden while empty: taking the graphic out and putting it back restyles it
            // from scratch, and the table makes its rows with the window (see RowsFromTheStart).
            box.setVisible(false);
            setGraphic(box);
        }

        @Override
        protected void updateItem(TicketRow r, boolean empty) {
            super.updateItem(r, empty);
            setText(null);
            if (empty || r == null) {
                box.setVisible(false);
                setTooltip(null);
                return;
            }
            box.setVisible(true);
            status.setText(TicketRow.statusLabel(r.ticket()));
            state = Looks.swap(status, state, RowStates.status(r.status()));
            boolean waiting = r.ticket().needsHuman();
            flag.setVisible(waiting);
            if (waiting) {
                if (tip == null) {
                    tip = new Tooltip();
                }
                tip.setText(r.ticket().humanPrompt());
            }
            setTooltip(waiting ? tip : null);
        }
    }
}
