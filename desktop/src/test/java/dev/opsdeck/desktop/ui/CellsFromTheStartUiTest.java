package dev.opsdeck.desktop.ui;

import static dev.opsdeck.desktop.ui.ConsoleFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.Injection;
import dev.opsdeck.engine.agent.Agent;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableRow;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * A console just opened already holds the table rows, log lines and workflow cards its first burst fills in: the
 * first tickets land in cells made with the window, not in cells made during the burst (see RowsFromTheStart).
 */
class CellsFromTheStartUiTest extends ConsoleUiBase {

    CellsFromTheStartUiTest() {
        super(Agent.TRIAGE);
    }


    @Test
    void anEmptyConsole_holdsItsRowsLinesAndCards_andTheFirstTicketFillsARowAlreadyMade(FxRobot robot) {
        ConsoleFixture.waitUntil("the empty table has laid out its rows", () -> rows(robot).size() >= 5);
        assertThat(fx(() -> robot.lookup("#tickets-table").queryTableView().getItems())).isEmpty();
        Set<Node> madeWithTheWindow = fx(() -> {
            Set<Node> s = Collections.newSetFromMap(new IdentityHashMap<>());
            s.addAll(rows(robot));
            return s;
        });
        assertThat(fx(() -> cellsOf(robot, "#log-stream").size())).as("log lines made while the log is empty")
                .isGreaterThanOrEqualTo(5);
        assertThat(fx(() -> cellsOf(robot, "#workflows-diagnosis").stream()
                .filter(c -> c.lookup(".wf-card") != null).count()))
                .as("cards made, hidden, while no workflow runs").isGreaterThanOrEqualTo(1);

        console.engine.inject(Injection.of("web_5xx"));
        console.until("the ticket shows in the table", () -> rows(robot).stream()
                .anyMatch(r -> !r.isEmpty() && r.getItem() != null));
        TableRow<?> showing = fx(() -> rows(robot).stream().filter(r -> !r.isEmpty() && r.getItem() != null)
                .findFirst().orElseThrow());
        assertThat(madeWithTheWindow).as("the row showing the first ticket was made with the window")
                .contains(showing);
    }

    private static List<TableRow<?>> rows(FxRobot robot) {
        return robot.lookup("#tickets-table").lookup(".table-row-cell").queryAll().stream()
                .filter(TableRow.class::isInstance).<TableRow<?>>map(n -> (TableRow<?>) n).toList();
    }

    private static List<ListCell<?>> cellsOf(FxRobot robot, String list) {
        return robot.lookup(list).lookup(".list-cell").queryAll().stream()
                .filter(ListCell.class::isInstance).<ListCell<?>>map(n -> (ListCell<?>) n).toList();
    }
}
