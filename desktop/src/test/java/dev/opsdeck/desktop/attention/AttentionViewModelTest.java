package dev.opsdeck.desktop.attention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.desktop.settings.Settings;
import dev.opsdeck.desktop.signoff.Waiting;
import dev.opsdeck.engine.event.EngineEvent.SignOffRequested;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

/** How a sign-off reaches an operator looking elsewhere, recorded at the alerts port. */
class AttentionViewModelTest {

    private final List<String> calls = new ArrayList<>();
    private final Alerts recorded = new Alerts() {
        @Override
        public void notify(String title, String body) {
            calls.add("notify " + title);
        }

        @Override
        public void sound() {
            calls.add("sound");
        }

        @Override
        public void flagTaskbar() {
            calls.add("taskbar");
        }
    };
    private final ObservableList<Waiting> waiting = FXCollections.observableArrayList();

    private static Waiting waiting(String ticket, String sev, double deadline) {
        return new Waiting(new SignOffRequested(ticket + ".remediation", ticket, List.of("human"), "", List.of(), "",
                deadline), sev, ticket + " · " + sev.toUpperCase());
    }

    @Test
    void arrivalsWithinOneTick_areToldOnce_withTheSev1Count_andTheTitleCountsThem() {
        AttentionViewModel attention = new AttentionViewModel(waiting, recorded, Settings.Reach.all());
        waiting.add(waiting("INC-001", "sev1", 1000));
        waiting.add(waiting("INC-002", "sev2", 1000));
        assertThat(attention.titleProperty().get()).isEqualTo("(2) OpsDeck — 2 awaiting you");
        assertThat(calls).as("nothing until the clock ticks").isEmpty();

        attention.tick(100);
        assertThat(calls).containsExactly("notify 2 sign-offs need you (1 SEV1)", "sound", "taskbar");

        calls.clear();
        attention.tick(101);
        assertThat(calls).as("told once").isEmpty();
    }

    @Test
    void aSev1NobodyTook_isToldWhenTheEngineReminds_onceEvenIfRemindedAgain() {
        AttentionViewModel attention = new AttentionViewModel(waiting, recorded, Settings.Reach.all());
        attention.ackOverdue("INC-007", "5m");
        attention.ackOverdue("INC-007", "5m"); // the same reminder replayed after a rejoin
        attention.tick(100);
        assertThat(calls).containsExactly("notify Not acknowledged: SEV1 INC-007 (5m)", "sound", "taskbar");

        calls.clear();
        attention.tick(101);
        attention.ackOverdue("INC-007", "5m");
        attention.tick(102);
        assertThat(calls).as("told once").isEmpty();
    }

    @Test
    void underAMinuteLeft_andExpiry_areToldToo() {
        AttentionViewModel attention = new AttentionViewModel(waiting, recorded, Settings.Reach.all());
        waiting.add(waiting("INC-001", "sev2", 1000));
        attention.tick(900);
        calls.clear();

        attention.tick(941);
        assertThat(calls).containsExactly("notify Sign-off closing: INC-001 (59 s left)", "sound", "taskbar");
        calls.clear();
        attention.tick(950);
        assertThat(calls).isEmpty();

        waiting.clear();
        attention.expired("INC-001");
        attention.tick(1001);
        assertThat(calls).containsExactly("notify Sign-off expired: INC-001", "sound", "taskbar");
        assertThat(attention.titleProperty().get()).isEqualTo("OpsDeck");
    }

    @Test
    void oneAnsweredBeforeTheTick_isNotAnnounced() {
        AttentionViewModel attention = new AttentionViewModel(waiting, recorded, Settings.Reach.all());
        waiting.add(waiting("INC-001", "sev2", 1000));
        waiting.clear();
        attention.tick(100);
        assertThat(calls).isEmpty();
    }

    @Test
    void eachWayCanBeTurnedOff() {
        AttentionViewModel attention = new AttentionViewModel(waiting, recorded,
                new Settings.Reach(false, true, false, false));
        waiting.add(waiting("INC-001", "sev2", 1000));
        attention.tick(100);
        assertThat(calls).containsExactly("sound");
        assertThat(attention.titleProperty().get()).isEqualTo("OpsDeck");

        attention.reach(new Settings.Reach(true, false, true, true));
        assertThat(attention.titleProperty().get()).isEqualTo("(1) OpsDeck — 1 awaiting you");
    }

    @Test
    void aRequestThatLeavesAndComesBack_asAfterAReconnect_isToldOnce() {
        AttentionViewModel attention = new AttentionViewModel(waiting, recorded, Settings.Reach.all());
        waiting.add(waiting("INC-001", "sev2", 1000));
        attention.tick(100);
        assertThat(calls).containsExactly("notify Sign-off needed: INC-001 · SEV2", "sound", "taskbar");
        calls.clear();

        // The link drops: the view is reset, then the server's snapshot brings the same request back.
        waiting.clear();
        attention.reset();
        waiting.add(waiting("INC-001", "sev2", 1000));
        attention.tick(101);
        assertThat(calls).as("the same request, not told again").isEmpty();

        waiting.add(waiting("INC-002", "sev2", 1000));
        attention.tick(102);
        assertThat(calls).as("a new one is").containsExactly("notify Sign-off needed: INC-002 · SEV2", "sound",
                "taskbar");
    }
}
