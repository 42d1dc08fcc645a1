package dev.opsdeck.desktop.ui;

import static dev.opsdeck.desktop.ui.ConsoleFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.world.Incident;
import dev.opsdeck.engine.world.World;
import dev.opsdeck.engine.world.WorldLoader;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.MenuButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A world file with more incidents per system than fit as buttons: the rest are one menu away, by keyboard too. */
@ExtendWith(ApplicationExtension.class)
class LargeCatalogueUiTest {

    private static final String SYSTEM = "web-edge-01";
    private ConsoleFixture console;

    @Start
    void start(Stage stage) {
        console = new ConsoleFixture(Agent.TRIAGE, c -> c.withWorld(worldWithExtraIncidents(3)));
        console.show(stage);
    }

    @AfterEach
    void stop() throws InterruptedException {
        console.close();
    }

    /** The bundled world plus {@code n} copies of the system's first incident, each with its own issue key. */
    private static World worldWithExtraIncidents(int n) {
        World w = WorldLoader.bundled();
        List<Incident> all = new ArrayList<>(w.incidents());
        Incident base = w.incidents().stream().filter(i -> i.system().equals(SYSTEM)).findFirst().orElseThrow();
        for (int k = 1; k <= n; k++) {
            String issue = base.issue() + "_extra" + k;
            all.add(new Incident("extra_" + k, base.system(), issue, base.sev(), base.title() + " (copy " + k + ")",
                    base.errorLogs(), base.kickoff().replace(base.issue(), issue), base.description(), base.hosts(),
                    base.probes(), base.remediation()));
        }
        return new World(w.systems(), w.ambientLogs(), all, w.probes(), w.playbooks());
    }

    @Test
    void theIncidentsBeyondTheButtons_areInAMenu_thatInjectsByKeyboard(FxRobot robot) {
        Node buttons = robot.lookup("#more-incidents-" + SYSTEM).query().getParent();
        assertThat(fx(() -> buttons.lookupAll(".inject").stream().filter(n -> n instanceof Button).count()))
                .isEqualTo(4);
        MenuButton more = robot.lookup("#more-incidents-" + SYSTEM).queryAs(MenuButton.class);
        assertThat(fx(more::getText)).isEqualTo("2 more…");
        assertThat(fx(() -> more.getItems().stream().map(m -> m.getId()).toList()))
                .containsExactly("inject-extra_2", "inject-extra_3");

        fx(() -> {
            more.requestFocus();
            return null;
        });
        robot.type(KeyCode.SPACE);
        console.until("the menu is open", more::isShowing);
        robot.type(KeyCode.DOWN, KeyCode.DOWN, KeyCode.ENTER);

        console.until("a ticket for the last incident is opened", () -> console.shell.console().tickets().rows()
                .stream().anyMatch(r -> r.ticket().issue().equals("web_5xx_extra3")));
        assertThat(fx(() -> more.getItems().get(1).isDisable())).as("cooling down after the inject").isTrue();
        console.until("the item has cooled down", () -> !more.getItems().get(1).isDisable());
    }
}
