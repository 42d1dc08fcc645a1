package dev.opsdeck.desktop.tickets;

import dev.opsdeck.engine.ticket.Ticket;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The tickets earlier resets took off the board, read-only: a reset archives, never deletes, and this is where they
 * can still be read.
 */
public final class ArchiveDialog extends Dialog<ButtonType> {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    public ArchiveDialog(Window owner, List<Ticket> archived, List<String> stylesheets) {
        dev.opsdeck.desktop.window.Dialogs.ownedBy(this, owner);
        setTitle("Archived tickets");
        setHeaderText(archived.isEmpty() ? "No archived tickets: nothing has been reset yet."
                : archived.size() + " ticket(s) taken off the board by a reset, oldest first.");
        getDialogPane().getStylesheets().setAll(stylesheets);
        getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        TableView<Ticket> table = new TableView<>(FXCollections.observableArrayList(archived));
        table.setId("archive-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().setAll(List.of(
                column("Ticket", Ticket::id, 80),
                column("Opened", t -> WHEN.format(Instant.ofEpochMilli(Math.round(t.createdAt() * 1000))), 150),
                column("Status", t -> t.status().label(), 130),
                column("Sev", Ticket::sev, 50),
                column("System", Ticket::system, 130),
                column("Issue", Ticket::issue, 150),
                column("RCA / resolution", t -> t.resolution().isBlank() ? t.rca() : t.resolution(), 420)));
        table.setPlaceholder(new Label("Nothing archived."));
        table.setPrefSize(1100, 480);
        getDialogPane().setContent(new VBox(table));
        setResizable(true);
    }

    private static TableColumn<Ticket, String> column(String title, Function<Ticket, String> value, double width) {
        TableColumn<Ticket, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return c;
    }
}
