package dev.opsdeck.desktop.topbar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.presence.Person;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeopleLineTest {

    private static Person p(String name, String via) {
        return new Person(name, via, "host-a:1", 1_796_600_000, 1);
    }

    @Test
    void youComeFirst_thenTheOthersByName_andOnlyOnceEach() {
        PeopleLine line = PeopleLine.of(List.of(p("bob", "web"), p("alice", "console"), p("alice", "api"),
                p("carol", "console")), "carol");
        assertThat(line.text()).isEqualTo("here: you · alice · bob");
        assertThat(line.tooltip()).contains("alice — console on host-a:1 since", "alice — api on", "bob — web on");
    }

    @Test
    void manyPeople_areCountedAfterTheFirstThree() {
        PeopleLine line = PeopleLine.of(List.of(p("a", "web"), p("b", "web"), p("c", "web"), p("d", "web"),
                p("e", "api"), p("f", "api")), "me");
        assertThat(line.text()).isEqualTo("here: you · a · b · c +3");
    }

    @Test
    void aLongName_isCutInTheBar_andWholeInTheTooltip() {
        PeopleLine line = PeopleLine.of(List.of(p("maximilian.von.example", "console")), "me");
        assertThat(line.text()).isEqualTo("here: you · maximilian.…");
        assertThat(line.tooltip()).startsWith("maximilian.von.example — console");
    }

    @Test
    void aloneInProcess_itSaysJustYou() {
        assertThat(PeopleLine.of(List.of(), "operator").text()).isEqualTo("here: you");
        assertThat(PeopleLine.of(List.of(), "operator").tooltip()).isEqualTo("Nobody else is connected.");
    }
}
