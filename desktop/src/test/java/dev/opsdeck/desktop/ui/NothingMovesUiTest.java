package dev.opsdeck.desktop.ui;

import static dev.opsdeck.desktop.ui.ConsoleFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.Injection;
import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.ticket.Status;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * Nothing moves under the cursor at 1366×768: the bounds of the controls an operator points at, compared before and
 * after each change that used to move them (the first sign-off opening, a row selected, the next request, an
 * inject pressed).
 */
class NothingMovesUiTest extends ConsoleUiBase {

    NothingMovesUiTest() {
        super(Agent.REM_TRIAGE);
    }


    private Bounds at(FxRobot robot, String id) {
        return fx(() -> {
            stage.getScene().getRoot().layout();
            Node n = robot.lookup(id).query();
            return n.localToScene(n.getLayoutBounds());
        });
    }

    @Test
    void theTable_theSignOffTitle_theApproveButton_andTheFocus_stayPut(FxRobot robot) {
        robot.interact(() -> {
            stage.setWidth(1366);
            stage.setHeight(768);
        });
        List<String> ids = List.of("web_5xx", "storage_io_error").stream()
                .map(k -> console.engine.inject(Injection.of(k)).ticketId()).toList();
        console.until("both wait at RemTriage", () -> ids.stream().allMatch(id -> console.row(id)
                .map(r -> r.status() == Status.REMEDIATING).orElse(false)));
        Bounds table = at(robot, "#tickets-table");

        console.gate.open();
        console.until("the first sign-off arms", () -> robot.lookup("#signoff-approve").tryQuery()
                .map(n -> n.isVisible() && !((Button) n).isDisabled()).orElse(false));
        assertThat(at(robot, "#tickets-table")).as("the table when the first sign-off opens").isEqualTo(table);

        Bounds title = at(robot, "#signoff-ticket");
        Bounds panel = at(robot, "#signoff-scroll");
        double approveHeight = at(robot, "#signoff-approve").getHeight();
        String shown = fx(() -> robot.lookup("#signoff-ticket").queryAs(Label.class).getText());
        String other = ids.stream().filter(id -> !shown.startsWith(id)).findFirst().orElseThrow();
        robot.interact(() -> {
            TableView<?> t = robot.lookup("#tickets-table").queryAs(TableView.class);
            for (int i = 0; i < t.getItems().size(); i++) {
                if (((dev.opsdeck.desktop.tickets.TicketRow) t.getItems().get(i)).id().equals(other)) {
                    t.getSelectionModel().clearAndSelect(i);
                }
            }
        });
        console.until("the selected ticket's request takes the panel", () -> robot.lookup("#signoff-ticket")
                .queryAs(Label.class).getText().startsWith(other));
        assertThat(at(robot, "#tickets-table")).as("the table after a row is selected").isEqualTo(table);
        Bounds titleNow = at(robot, "#signoff-ticket");
        assertThat(List.of(titleNow.getMinX(), titleNow.getMinY(), titleNow.getHeight()))
                .as("the panel's title for another ticket: its place and height (its width is its text's)")
                .isEqualTo(List.of(title.getMinX(), title.getMinY(), title.getHeight()));
        assertThat(at(robot, "#signoff-scroll")).as("the sign-off panel for another ticket").isEqualTo(panel);
        console.until("it arms", () -> !robot.lookup("#signoff-approve").queryAs(Button.class).isDisabled());
        assertThat(at(robot, "#signoff-approve").getHeight()).as("Approve for the next request")
                .isEqualTo(approveHeight);

        robot.clickOn("#inject-web_upstream_timeout");
        console.until("it cools down", () -> robot.lookup("#inject-web_upstream_timeout").query()
                .getPseudoClassStates().contains(javafx.css.PseudoClass.getPseudoClass("cooling")));
        assertThat(fx(() -> stage.getScene().getFocusOwner() == robot.lookup("#inject-web_upstream_timeout").query()))
                .as("the focus stays on the button pressed").isTrue();
    }
}
