package dev.opsdeck.desktop.ui;

import static dev.opsdeck.desktop.ui.ConsoleFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.Injection;
import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.workflow.Stage;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** The console at a laptop's sizes, and what must hold still or be reachable from the keyboard. */
class ConsoleFitUiTest extends ConsoleUiBase {

    ConsoleFitUiTest() {
        super(Agent.WEB);
    }


    private void resize(FxRobot robot, double w, double h) {
        robot.interact(() -> {
            stage.setWidth(w);
            stage.setHeight(h);
        });
    }

    /** The text a label shows is all of its text: not cut to an ellipsis. */
    private static boolean whole(Label l) {
        Text shown = (Text) l.lookup(".text");
        return shown != null && shown.getText().equals(l.getText());
    }

    private static boolean within(Node inner, Node outer) {
        Bounds i = inner.localToScene(inner.getLayoutBounds());
        Bounds o = outer.localToScene(outer.getLayoutBounds());
        return i.getMinX() >= o.getMinX() - 0.5 && i.getMaxX() <= o.getMaxX() + 0.5;
    }

    @Test
    void atLaptopSizes_theRailsChipsAndTheTablesColumnsShowWhole_withTheSignOffOpen(FxRobot robot) {
        console.engine.inject(Injection.of("storage_disk_offline"));
        console.until("the sign-off panel asks", () -> robot.lookup("#signoff-actions").query().isVisible());
        String web = console.engine.inject(Injection.of("web_5xx")).ticketId();
        console.until("a diagnosis waits on Web", () -> console.card(robot, web + ".diagnosis").isPresent());

        for (double[] size : List.of(new double[] {1440, 900}, new double[] {1366, 768})) {
            resize(robot, size[0], size[1]);
            console.until("the window is " + (int) size[0] + " wide", () -> stage.getScene().getWidth() <= size[0]);
            Node card = console.card(robot, web + ".diagnosis").orElseThrow();
            Node list = robot.lookup("#workflows-diagnosis").query();
            fx(() -> {
                card.getScene().getRoot().layout();
                return null;
            });
            List<Label> chips = fx(() -> card.lookupAll(".chip").stream().map(Label.class::cast).toList());
            assertThat(chips).as("the diagnosis lineup").hasSizeGreaterThanOrEqualTo(8);
            for (Label chip : chips) {
                assertThat(fx(() -> whole(chip) && within(chip, card) && within(chip, list)))
                        .as("chip %s at %s", fx(chip::getText), (int) size[0]).isTrue();
            }
            TableView<?> table = robot.lookup("#tickets-table").queryAs(TableView.class);
            assertThat(fx(() -> table.getColumns().stream().limit(7)
                    .allMatch(c -> c.getWidth() >= c.getMinWidth() - 0.5 && c.getWidth() > 0)))
                    .as("every column but Outcome at least its minimum").isTrue();
            assertThat(fx(() -> table.lookupAll(".scroll-bar").stream().map(ScrollBar.class::cast)
                    .noneMatch(b -> b.getOrientation() == javafx.geometry.Orientation.HORIZONTAL && b.isVisible())))
                    .as("no sideways scrolling in the table at %s", (int) size[0]).isTrue();
            assertThat(fx(() -> robot.lookup("#signoff-approve").queryAs(Button.class).getWidth()
                    >= robot.lookup("#signoff-approve").queryAs(Button.class).prefWidth(-1) - 0.5)).isTrue();
        }

        // At 1366 with the sign-off open the chips are compact: pointing at one gives its full name.
        Node card = console.card(robot, web + ".diagnosis").orElseThrow();
        assertThat(fx(() -> card.getPseudoClassStates().contains(javafx.css.PseudoClass.getPseudoClass("compact"))))
                .as("the card is compact at 1366 with the sign-off open").isTrue();
        Label triage = fx(() -> (Label) card.lookup("#chip-Triage"));
        robot.moveTo(triage);
        console.until("the compact chip has its full name as a tooltip", () -> triage.getTooltip() != null);
        assertThat(fx(() -> triage.getTooltip().getText())).isEqualTo("Triage");
    }

    @Test
    void atTheSmallestWindow_theDetailTitle_hasTheDetailPanesWidth_notAFewLettersALine(FxRobot robot) {
        resize(robot, dev.opsdeck.desktop.window.Placement.MIN_WIDTH, dev.opsdeck.desktop.window.Placement.MIN_HEIGHT);
        console.until("the window is at its smallest",
                () -> stage.getScene().getWidth() <= dev.opsdeck.desktop.window.Placement.MIN_WIDTH);
        Label title = robot.lookup("#detail-title").queryAs(Label.class);
        Node copy = robot.lookup("#copy-rca").query();
        fx(() -> {
            title.getScene().getRoot().layout();
            return null;
        });
        // Beside the Copy RCA button the title was squeezed to 2-3 letters a line (seen under openbox below 1300).
        assertThat(fx(title::getWidth)).as("the title's width").isGreaterThanOrEqualTo(200);
        assertThat(fx(() -> copy.localToScene(copy.getLayoutBounds()).getMinY()
                >= title.localToScene(title.getLayoutBounds()).getMaxY() - 0.5)).as("the button below the title").isTrue();
    }

    @Test
    void aCoolingInjectButton_keepsItsSizeAndPlace_soADoubleClickOpensOneTicket(FxRobot robot) {
        Button b = robot.lookup("#inject-web_5xx").queryAs(Button.class);
        Bounds before = fx(() -> b.localToScene(b.getLayoutBounds()));
        robot.doubleClickOn(b);
        console.until("a ticket opens", () -> console.newestTicketId() != null);
        Bounds after = fx(() -> b.localToScene(b.getLayoutBounds()));
        assertThat(after).isEqualTo(before);
        assertThat(fx(() -> console.shell.console().tickets().rows().size())).isEqualTo(1);
        assertThat(fx(() -> b.getPseudoClassStates().contains(javafx.css.PseudoClass.getPseudoClass("cooling"))))
                .as("cooling").isTrue();
    }

    @Test
    void stoppingAndStartingTheSimulation_keepsTheTickets(FxRobot robot) {
        robot.clickOn("#inject-web_5xx");
        console.until("a ticket opens", () -> console.newestTicketId() != null);
        Node hint = robot.lookup(".sim-hint").query();
        Bounds hintBefore = fx(() -> hint.localToScene(hint.getLayoutBounds()));
        robot.clickOn("#toggle-simulation");
        console.until("the simulation runs", () -> console.shell.console().monitoring().runningProperty().get());
        robot.clickOn("#toggle-simulation");
        console.until("the simulation stops", () -> !console.shell.console().monitoring().runningProperty().get());
        assertThat(fx(() -> console.shell.console().tickets().rows().size())).isEqualTo(1);
        assertThat(fx(() -> hint.localToScene(hint.getLayoutBounds()).getMinY())).as("nothing shifts")
                .isEqualTo(hintBefore.getMinY());
    }

    @Test
    void theFocusedControl_hasAVisibleRing(FxRobot robot) {
        Button b = robot.lookup("#custom-incident").queryAs(Button.class);
        robot.interact(b::requestFocus);
        console.until("it has the focus", b::isFocused);
        Region r = b;
        assertThat(fx(() -> r.getBorder() != null && r.getBorder().getStrokes().stream()
                .anyMatch(s -> s.getTopStroke() instanceof Color c && c.getOpacity() > 0.5
                        && s.getWidths().getTop() >= 2))).isTrue();
    }

    @Test
    void ctrlC_onASelectedEvidenceLine_putsItsTextOnTheClipboard(FxRobot robot) {
        robot.clickOn("#inject-storage_io_error");
        console.until("a ticket opens", () -> console.newestTicketId() != null);
        robot.interact(() -> robot.lookup("#tickets-table").queryTableView().getSelectionModel().select(0));
        robot.interact(() -> ((javafx.scene.control.TabPane) robot.lookup("#detail-tabs").query()).getSelectionModel().select(1));
        ListView<?> evidence = robot.lookup("#detail-evidence").queryAs(ListView.class);
        console.until("evidence is listed", () -> !evidence.getItems().isEmpty());
        robot.interact(() -> {
            evidence.getSelectionModel().select(0);
            evidence.requestFocus();
        });
        robot.press(KeyCode.CONTROL, KeyCode.C).release(KeyCode.C, KeyCode.CONTROL);
        String line = fx(() -> (String) evidence.getItems().get(0));
        console.until("the clipboard holds the line", () -> line.equals(Clipboard.getSystemClipboard().getString()));
    }
}
