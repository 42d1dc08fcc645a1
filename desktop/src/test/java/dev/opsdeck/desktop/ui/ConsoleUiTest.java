package dev.opsdeck.desktop.ui;

import static dev.opsdeck.desktop.ui.ConsoleFixture.fx;
import static dev.opsdeck.desktop.ui.ConsoleFixture.inState;
import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.desktop.tickets.TicketRow;
import dev.opsdeck.desktop.workflow.ChipState;
import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.flow.Texts;
import dev.opsdeck.engine.ticket.Status;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.input.KeyCode;
import javafx.scene.web.WebView;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** The console driven through its UI, headless (Monocle), on a real engine whose Triage waits for the test. */
class ConsoleUiTest extends ConsoleUiBase {

    ConsoleUiTest() {
        super(Agent.TRIAGE);
    }


    private Node chip(FxRobot robot, String ticket, String agent) {
        return console.card(robot, ticket + ".diagnosis").map(card -> card.lookup("#chip-" + agent)).orElse(null);
    }

    /** Injects web_5xx from its button and lets diagnosis run to the sign-off. */
    private String injectAndReachSignOff(FxRobot robot) {
        robot.clickOn("#inject-web_5xx");
        console.until("a ticket is opened", () -> console.newestTicketId() != null);
        String id = console.newestTicketId();
        console.until("Triage is the active chip", () -> inState(chip(robot, id, "Triage"), ChipState.ACTIVE));
        assertThat(fx(() -> inState(chip(robot, id, "TicketBot"), ChipState.DONE))).isTrue();
        assertThat(fx(() -> inState(chip(robot, id, "IntakeDecide"), ChipState.DONE))).isTrue();
        assertThat(fx(() -> inState(chip(robot, id, "RCA"), ChipState.IDLE))).isTrue();

        console.gate.open();
        console.until("the sign-off panel asks for a decision",
                () -> robot.lookup("#signoff-actions").query().isVisible());
        assertThat(fx(() -> robot.lookup("#signoff-ticket").queryAs(Label.class).getText())).startsWith(id);
        assertThat(fx(() -> robot.lookup("#signoff-approve").queryAs(Button.class).getText())).isEqualTo("Approve " + id);
        console.until("the buttons arm once the request could be read",
                () -> !robot.lookup("#signoff-approve").queryAs(Button.class).isDisabled());
        return id;
    }

    private Status statusInTable(FxRobot robot, String id) {
        return fx(() -> robot.lookup("#tickets-table").queryTableView().getItems().stream()
                .map(TicketRow.class::cast).filter(r -> r.id().equals(id)).findFirst()
                .map(TicketRow::status).orElse(null));
    }

    @Test
    void injectingFromTheUi_movesTheRail_asksForSignOff_andApprovalResolvesTheTicket(FxRobot robot) {
        String id = injectAndReachSignOff(robot);

        robot.clickOn("#signoff-approve");

        console.until("the table shows the ticket resolved", () -> statusInTable(robot, id) == Status.RESOLVED);
        assertThat(fx(() -> robot.lookup("#signoff-notice").queryAs(Label.class).getText()))
                .isEqualTo("Sent: APPROVED · " + id + " — the disruptive step will run.");

        // The report renders in the WebView from the ticket and its journal.
        robot.interact(() -> robot.lookup("#tickets-table").queryTableView().getSelectionModel().select(0));
        // The history as a timeline: each line with its time and who caused it.
        console.until("the detail shows the history", () -> robot.lookup("#history-0").tryQuery().isPresent());
        assertThat(fx(() -> robot.lookup("#history-0").queryAs(Label.class).getText()))
                .matches("\\d\\d:\\d\\d:\\d\\d  inject  created · Diagnosing");
        // Who answered the sign-off: the person at this console, by name, as the top bar names them.
        assertThat(fx(() -> robot.lookup("#server-name").queryAs(Label.class).getText()))
                .startsWith("this machine · ").endsWith(" · user " + dev.opsdeck.desktop.signoff.SignOffViewModel.BY);
        assertThat(fx(() -> robot.lookup("#history-3").queryAs(Label.class).getText()))
                .endsWith("  " + dev.opsdeck.desktop.signoff.SignOffViewModel.BY + "  sign-off approved by "
                        + dev.opsdeck.desktop.signoff.SignOffViewModel.BY);
        assertThat(fx(() -> robot.lookup("#history-4").queryAs(Label.class).getText())).contains("  Resolver  Resolved");
        robot.interact(() -> ((javafx.scene.control.TabPane) robot.lookup("#detail-tabs").query()).getSelectionModel().select(2));
        console.until("the report is rendered", () -> {
            String title = robot.lookup("#detail-report").queryAs(WebView.class).getEngine().getTitle();
            return title != null && title.startsWith(id);
        });
    }

    @Test
    void whereNotificationsCannotBeShown_theStatusLineAndSettingsSaySo(FxRobot robot) {
        // Headless (Monocle): there is no desktop to show a notification on, and the console must not pretend.
        console.until("the status line says notifications cannot be shown", () -> robot.lookup("#status-line")
                .queryAs(Label.class).getText().startsWith("Desktop notifications cannot be shown here: no display"));
        robot.press(KeyCode.CONTROL, KeyCode.COMMA).release(KeyCode.COMMA, KeyCode.CONTROL);
        console.until("Settings is open", () -> robot.lookup("#settings-notify-delivery").tryQuery().isPresent());
        assertThat(fx(() -> robot.lookup("#settings-notify-delivery").queryAs(Label.class).getText()))
                .startsWith("Desktop notifications cannot be shown here: no display").doesNotContain("✓");
        assertThat(fx(() -> robot.lookup("#settings-runs-on").queryAs(Label.class).getText()))
                .as("where the incidents run, said").startsWith("Now running its own engine, in this console");
        // Closed for sure: a dialog left open would stay over the next test's console (the stage is shared).
        javafx.stage.Window settings = fx(() -> robot.lookup("#settings-notify-delivery").query().getScene().getWindow());
        robot.interact(() -> ((javafx.scene.control.Button) ((javafx.scene.control.DialogPane) settings.getScene()
                .getRoot()).lookupButton(javafx.scene.control.ButtonType.CANCEL)).fire());
        console.until("Settings is closed", () -> !settings.isShowing());
    }

    @Test
    void rejectingWithTheKeyboard_leavesTheTicketNeedingFollowup(FxRobot robot) {
        String id = injectAndReachSignOff(robot);

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.R).release(KeyCode.R, KeyCode.SHIFT, KeyCode.CONTROL);

        console.until("the table shows Needs Followup", () -> statusInTable(robot, id) == Status.NEEDS_FOLLOWUP);
    }

    @Test
    void anAnswerFromOutsideTheUi_closesTheDecision_andSaysWhoAnswered(FxRobot robot) {
        String id = injectAndReachSignOff(robot);

        assertThat(console.engine.answer(id + ".remediation", Texts.DEFER, "bridge").accepted()).isTrue();

        console.until("the decision box closes", () -> !robot.lookup("#signoff-actions").query().isVisible());
        assertThat(fx(() -> robot.lookup("#signoff-notice").queryAs(Label.class).getText()))
                .startsWith("Answered elsewhere by bridge: DEFERRED · " + id);
    }

    @Test
    void thePanel_listsEachRunbookActionAsItRuns_withItsDryRun(FxRobot robot) {
        injectAndReachSignOff(robot);

        String listed = fx(() -> robot.lookup("#signoff-runbook-actions").queryAs(Label.class).getText());
        assertThat(listed).contains("sim_raise_proxy_timeout [safe]  (simulated) nginx on web-edge-01: "
                + "proxy_read_timeout 60s -> 90s").contains("sim_restart_orders_svc [disruptive]  (simulated) orders-svc:"
                + " rolling restart of 3 replicas done").contains("dry run: exit 0: (simulated) orders-svc: 3 replicas");
        assertThat(fx(() -> robot.lookup("#signoff-effect").queryAs(Label.class).getText()))
                .isEqualTo("Approving runs exactly the 2 runbook action(s) below, and nothing else.");
    }

    @Test
    void typingNoAndPressingEnter_decidesNothing(FxRobot robot) {
        String id = injectAndReachSignOff(robot);

        robot.clickOn("#signoff-note").write("no, hold off").type(KeyCode.ENTER);

        assertThat(fx(() -> robot.lookup("#signoff-notice").queryAs(Label.class).getText()))
                .startsWith("A note decides nothing");
        assertThat(fx(() -> console.engine.ticket(id).orElseThrow().needsHuman())).isTrue();
        robot.clickOn("#signoff-reject");
        console.until("the table shows Needs Followup", () -> statusInTable(robot, id) == Status.NEEDS_FOLLOWUP);
        assertThat(console.engine.journal(id + ".remediation")).anySatisfy(e ->
                assertThat(e.text()).startsWith(Texts.REJECT).endsWith("Operator note: no, hold off"));
    }

    @Test
    void aDuplicate_showsItsParent(FxRobot robot) {
        String parent = injectAndReachSignOff(robot);
        console.until("the inject button has cooled down",
                () -> !robot.lookup("#inject-web_5xx").queryAs(Button.class).getPseudoClassStates()
                        .contains(javafx.css.PseudoClass.getPseudoClass("cooling")));

        robot.clickOn("#inject-web_5xx");
        console.until("the second ticket is a duplicate", () -> {
            String id = console.newestTicketId();
            return !id.equals(parent) && statusInTable(robot, id) == Status.DUPLICATE;
        });
        String dup = console.newestTicketId();

        Node row = robot.lookup(".table-row-cell").match((TableRow<TicketRow> r) ->
                r.getItem() != null && r.getItem().id().equals(dup)).query();
        robot.clickOn(row);
        console.until("the detail names the parent", () -> robot.lookup("#detail-parent").tryQuery()
                .map(n -> ((Label) n).getText().equals("⊃ Duplicate of " + parent)).orElse(false));
    }

    @Test
    void aFreshConsole_showsAnEmptyBoard_onTheDiagnosisTab(FxRobot robot) {
        var c = console.shell.console();
        assertThat(fx(() -> c.tickets().rows().size())).isZero();
        assertThat(fx(() -> c.topBar().totalProperty().get())).isEqualTo("0");
        assertThat(fx(() -> c.topBar().averageRcaProperty().get())).isEqualTo(TicketRow.seconds(Double.NaN));
        assertThat(fx(() -> c.topBar().speedUpProperty().get())).isEqualTo("—");
        assertThat(fx(() -> c.topBar().awaitingProperty().get())).isEqualTo("0");
        assertThat(fx(() -> c.monitoring().logs().size())).isZero();
        assertThat(fx(() -> c.workflows().openChannels(dev.opsdeck.engine.workflow.Stage.DIAGNOSIS).size())).isZero();
        assertThat(fx(() -> c.workflows().finishedChannels(dev.opsdeck.engine.workflow.Stage.REMEDIATION).size()))
                .isZero();
        assertThat(fx(() -> c.signOff().visibleProperty().get())).isFalse();
        assertThat(fx(() -> robot.lookup("#workflow-tabs").queryAs(javafx.scene.control.TabPane.class)
                .getSelectionModel().getSelectedIndex())).as("the Diagnosis tab").isZero();
        assertThat(fx(() -> robot.lookup("#badge-diagnosis").queryAs(Label.class).getText())).isEqualTo("0");
    }

    @Test
    void theLog_marksTheIncidentsErrorLines_andColoursTheirLevel(FxRobot robot) {
        robot.clickOn("#toggle-simulation");
        console.until("the world's own lines stream in", () -> logCell(robot, false) != null);
        robot.clickOn("#inject-web_5xx");
        console.until("the incident's error lines are in the log", () -> logCell(robot, true) != null);

        javafx.scene.control.ListCell<?> hit = fx(() -> logCell(robot, true));
        javafx.scene.control.ListCell<?> plain = fx(() -> logCell(robot, false));
        assertThat(fx(() -> fill(hit))).as("an incident line's background").isNotEqualTo(fx(() -> fill(plain)));
        assertThat(fx(() -> levelFill(hit))).as("ERROR's colour").isNotEqualTo(fx(() -> levelFill(plain)));
        Label tag = fx(() -> (Label) hit.lookup(".log-tag"));
        assertThat(fx(tag::getText)).isEqualTo("web_5xx");
        Node list = robot.lookup("#log-stream").query();
        assertThat(fx(() -> tag.isVisible() && list.sceneToLocal(tag.localToScene(tag.getLayoutBounds())).getMaxX()
                <= list.getLayoutBounds().getWidth())).as("the tag shows without scrolling sideways").isTrue();
    }

    /** A shown log line that is (or is not) one of an incident's error lines. */
    private static javafx.scene.control.ListCell<?> logCell(FxRobot robot, boolean hit) {
        return robot.lookup("#log-stream .list-cell").queryAll().stream()
                .map(n -> (javafx.scene.control.ListCell<?>) n)
                .filter(c -> c.isVisible() && c.getItem() instanceof dev.opsdeck.desktop.monitoring.LogEntry e
                        && e.hit() == hit && (e.level() == dev.opsdeck.engine.event.Level.ERROR) == hit)
                .findFirst().orElse(null);
    }

    private static Object fill(javafx.scene.layout.Region r) {
        return r.getBackground() == null || r.getBackground().getFills().isEmpty() ? null
                : r.getBackground().getFills().get(0).getFill();
    }

    private static Object levelFill(javafx.scene.control.ListCell<?> c) {
        return ((javafx.scene.text.Text) c.lookup(".log-level")).getFill();
    }

    @Test
    void theCustomIncidentDialog_saysWhatIsWrong_atTheFieldAtFault(FxRobot robot) {
        robot.clickOn("#custom-incident");
        assertThat(fx(() -> robot.lookup("#custom-system-error").queryAs(Label.class).getText()))
                .as("nothing before typing").isEmpty();
        robot.clickOn("#custom-issue").write("replication_lag");
        assertThat(fx(() -> robot.lookup("#custom-inject").query().isDisabled())).isTrue();

        robot.clickOn("#custom-system").write("db primary");
        assertThat(fx(() -> robot.lookup("#custom-system-error").queryAs(Label.class).getText()))
                .startsWith("system must be a host or service name");
        assertThat(fx(() -> robot.lookup("#custom-issue-error").queryAs(Label.class).getText())).isEmpty();
        robot.eraseText(10).write("db-primary-01");
        console.until("the form is valid", () -> !robot.lookup("#custom-inject").query().isDisabled());
        assertThat(fx(() -> robot.lookup("#custom-system-error").queryAs(Label.class).getText())).isEmpty();
        robot.clickOn("#custom-inject");

        console.until("a custom ticket opens", () -> console.newestTicketId() != null
                && console.row(console.newestTicketId()).map(r -> r.ticket().issue().equals("replication_lag"))
                        .orElse(false));
    }
}
