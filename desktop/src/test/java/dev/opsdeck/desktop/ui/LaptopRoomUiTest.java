package dev.opsdeck.desktop.ui;

import static dev.opsdeck.desktop.ui.ConsoleFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.Injection;
import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.ticket.Status;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * A 1366×768 window with four sign-offs waiting: the tickets table keeps room for five rows (the sign-off panel
 * scrolls inside itself instead of taking the table's height), and every divider is wide enough to grab.
 */
class LaptopRoomUiTest extends ConsoleUiBase {

    LaptopRoomUiTest() {
        super(Agent.REM_TRIAGE);
    }


    @Test
    void withFourSignOffsWaiting_theTableKeepsFiveRows_andDividersAreSixPixelsToGrab(FxRobot robot) {
        robot.interact(() -> {
            stage.setWidth(1366);
            stage.setHeight(768);
        });
        List<String> ids = List.of("web_5xx", "storage_disk_offline", "web_upstream_timeout", "net_unreachable")
                .stream().map(k -> console.engine.inject(Injection.of(k)).ticketId()).toList();
        console.until("all four wait at RemTriage", () -> ids.stream().allMatch(id -> console.row(id)
                .map(r -> r.status() == Status.REMEDIATING).orElse(false)));
        console.gate.open();
        console.until("four sign-offs are listed", () -> robot.lookup("#signoff-queue").queryAs(ListView.class)
                .getItems().size() == 4);
        console.until("the buttons arm", () -> !robot.lookup("#signoff-approve").queryAs(Button.class).isDisabled());
        fx(() -> {
            stage.getScene().getRoot().layout();
            return null;
        });

        TableView<?> table = robot.lookup("#tickets-table").queryAs(TableView.class);
        double rows = fx(() -> {
            Node header = table.lookup(".column-header-background");
            Bounds t = table.localToScene(table.getLayoutBounds());
            Bounds scene = new javafx.geometry.BoundingBox(0, 0, stage.getScene().getWidth(),
                    stage.getScene().getHeight());
            double shown = Math.min(t.getMaxY(), scene.getMaxY()) - Math.max(t.getMinY(), 0)
                    - header.getLayoutBounds().getHeight();
            return shown / table.getFixedCellSize();
        });
        assertThat(rows).as("rows of the tickets table on screen").isGreaterThanOrEqualTo(5);
        assertThat(fx(() -> robot.lookup("#signoff-scroll").query().isVisible())).isTrue();

        for (SplitPane split : fx(() -> robot.lookup(".split-pane").queryAllAs(SplitPane.class).stream().toList())) {
            for (Node divider : fx(() -> List.copyOf(split.lookupAll(".split-pane-divider")))) {
                double grab = fx(() -> split.getOrientation() == Orientation.HORIZONTAL
                        ? divider.getLayoutBounds().getWidth() : divider.getLayoutBounds().getHeight());
                assertThat(grab).as("a divider's grab area").isGreaterThanOrEqualTo(6);
            }
        }
    }

    /** The text a labeled control shows is all of its text: not cut to an ellipsis. */
    private static boolean whole(javafx.scene.control.Labeled l) {
        javafx.scene.text.Text shown = (javafx.scene.text.Text) l.lookup(".text");
        return shown == null || l.getText() == null || l.getText().isEmpty() || shown.getText().equals(l.getText());
    }

    @Test
    void at1366x768_withTheSignOffOpen_theTopBarAndTheTicketFiltersShowWhole(FxRobot robot) {
        robot.interact(() -> {
            stage.setWidth(1366);
            stage.setHeight(768);
        });
        String id = console.engine.inject(Injection.of("web_5xx")).ticketId();
        console.until("it waits at RemTriage", () -> console.row(id).map(r -> r.status() == Status.REMEDIATING)
                .orElse(false));
        console.gate.open();
        console.until("the sign-off panel asks", () -> robot.lookup("#signoff-actions").query().isVisible());
        fx(() -> {
            stage.getScene().getRoot().layout();
            return null;
        });
        List<javafx.scene.control.Labeled> shown = fx(() -> {
            List<javafx.scene.control.Labeled> all = new java.util.ArrayList<>();
            for (Node n : stage.getScene().getRoot().lookupAll(".top-bar .label")) {
                if (!"server-name".equals(n.getId())) { // long by nature: it gives way, whole in its tooltip
                    all.add((javafx.scene.control.Labeled) n);
                }
            }
            for (String f : List.of("#filter-all", "#filter-active", "#filter-resolved", "#open-archive")) {
                all.add((javafx.scene.control.Labeled) robot.lookup(f).query());
            }
            return all;
        });
        assertThat(shown).hasSizeGreaterThan(10);
        assertThat(fx(() -> shown.stream().filter(l -> l.isVisible() && !whole(l)).map(l -> l.getText()).toList()))
                .as("cut to an ellipsis at 1366×768").isEmpty();
    }
}
