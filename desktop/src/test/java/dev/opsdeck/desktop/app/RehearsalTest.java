package dev.opsdeck.desktop.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.world.World;
import dev.opsdeck.engine.world.WorldLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rehearsal's script: every ticket runs its whole course, whatever world the console opens on. */
class RehearsalTest {

    private static void assertWholeCourses(List<List<EngineEvent>> steps) {
        List<EngineEvent> all = steps.stream().flatMap(List::stream).toList();
        assertThat(all).filteredOn(e -> e instanceof EngineEvent.TicketCreated).hasSize(Rehearsal.TICKETS);
        List<String> opened = all.stream().filter(e -> e instanceof EngineEvent.ChannelOpened)
                .map(e -> ((EngineEvent.ChannelOpened) e).channelId()).toList();
        List<String> closed = all.stream().filter(e -> e instanceof EngineEvent.ChannelClosed)
                .map(e -> ((EngineEvent.ChannelClosed) e).channelId()).toList();
        assertThat(opened).hasSize(2 * Rehearsal.TICKETS).containsExactlyInAnyOrderElementsOf(closed);
        assertThat(all).filteredOn(e -> e instanceof EngineEvent.SignOffRequested).hasSize(1);
        assertThat(all).filteredOn(e -> e instanceof EngineEvent.SignOffResolved).hasSize(1);
    }

    @Test
    void onTheBundledWorld_everyTicketOpensDiagnosesRemediatesAndCloses() {
        assertWholeCourses(Rehearsal.script(WorldLoader.bundled()));
    }

    @Test
    void onAWorldWithoutIncidents_too() {
        World w = WorldLoader.bundled();
        assertWholeCourses(Rehearsal.script(new World(w.systems(), w.ambientLogs(), List.of(), w.probes(),
                w.playbooks())));
    }
}
