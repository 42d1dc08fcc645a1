package dev.opsdeck.desktop.ui;

import static dev.opsdeck.desktop.ui.ConsoleFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.desktop.port.InProcess;
import dev.opsdeck.engine.Injection;
import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.presence.Person;
import dev.opsdeck.engine.ticket.Status;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * The war room in the console: who else is here in the top bar, Acknowledge from the keyboard, and comments (the
 * console's own and another person's) in the ticket's detail, shown as text whatever they hold.
 */
class WarRoomUiTest extends ConsoleUiBase {

    WarRoomUiTest() {
        super(Agent.REM_TRIAGE);
    }

    private String text(FxRobot robot, String id) {
        return fx(() -> robot.lookup(id).queryAs(Label.class).getText());
    }

    @Test
    void theTopBar_saysWhoIsHere_asTheyComeAndGo(FxRobot robot) {
        assertThat(text(robot, "#presence")).isEqualTo("here: you");
        console.engine.presence().arrived("sse-test-1", "carol", Person.API);
        console.until("carol shows", () -> text(robot, "#presence").equals("here: you · carol"));
        console.engine.presence().left("sse-test-1");
        console.until("carol is gone", () -> text(robot, "#presence").equals("here: you"));
    }

    @Test
    void ctrlK_takesTheTicket_andComments_showAsText_withTheirAuthors(FxRobot robot) {
        String id = console.engine.inject(Injection.of("web_5xx")).ticketId();
        console.until("it waits at RemTriage", () -> console.row(id).map(r -> r.status() == Status.REMEDIATING)
                .orElse(false));
        robot.interact(() -> {
            TableView<?> t = robot.lookup("#tickets-table").queryAs(TableView.class);
            t.getSelectionModel().clearAndSelect(0);
            t.requestFocus();
        });
        console.until("Acknowledge is offered", () -> !robot.lookup("#ack-ticket").queryAs(Button.class).isDisabled());
        assertThat(text(robot, "#detail-acked")).isEmpty();

        robot.press(KeyCode.CONTROL, KeyCode.K).release(KeyCode.K, KeyCode.CONTROL);
        console.until("the detail says who took it", () -> text(robot, "#detail-acked").startsWith("acked by "));
        assertThat(text(robot, "#detail-acked")).matches("acked by " + InProcess.USER + " \\d\\d:\\d\\d");
        assertThat(fx(() -> robot.lookup("#ack-ticket").queryAs(Button.class).isDisabled())).isTrue();
        assertThat(console.engine.ticket(id).orElseThrow().acked().by()).isEqualTo(InProcess.USER);

        // Someone else's comment, with markup, a terminal escape and a line break: text, escape stripped.
        assertThat(console.engine.comment(id, "bob", "<b>standby</b> \u001B[31mdown\u001B[0m\nline two", null)
                .accepted()).isTrue();
        console.until("bob's comment shows", () -> robot.lookup("#comment-0").tryQuery().isPresent());
        assertThat(text(robot, "#comment-0")).isEqualTo("<b>standby</b> down\nline two");

        robot.clickOn("#comment-field").write("<script>alert(1)</script> on it").type(KeyCode.ENTER);
        console.until("our comment shows", () -> robot.lookup("#comment-1").tryQuery().isPresent());
        assertThat(text(robot, "#comment-1")).isEqualTo("<script>alert(1)</script> on it");
        assertThat(fx(() -> robot.lookup("#comment-field").queryAs(javafx.scene.control.TextField.class).getText()))
                .isEmpty();
        assertThat(console.engine.ticket(id).orElseThrow().comments().get(1).by()).isEqualTo(InProcess.USER);
    }
}
