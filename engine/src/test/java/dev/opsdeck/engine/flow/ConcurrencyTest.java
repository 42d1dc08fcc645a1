package dev.opsdeck.engine.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Published;
import dev.opsdeck.engine.testing.EngineFixture;
import dev.opsdeck.engine.testing.Trace;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.world.Incident;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrencyTest {

    @TempDir
    Path dir;

    @Test
    void twentyConcurrentIncidents_allReachTerminalStatuses_withEveryEventDeliveredOnceInOrder() {
        try (EngineFixture f = new EngineFixture(dir, c -> c.withMaxFlows(20).withDebounce(Duration.ZERO))
                .answering(Texts.APPROVE)) {
            List<Incident> catalogue = f.engine.world().incidents();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ids.add(f.inject(catalogue.get(i % catalogue.size()).key()));
            }
            f.recorder.await(es -> ids.stream().allMatch(id -> es.stream().anyMatch(e ->
                    e instanceof EngineEvent.TicketChanged c && c.ticket().id().equals(id)
                            && c.ticket().status().terminal())), Duration.ofSeconds(60));

            List<Published> all = f.recorder.all();
            for (int i = 0; i < all.size(); i++) {
                assertThat(all.get(i).seq()).as("delivered once, in publish order").isEqualTo(i + 1);
            }
            List<EngineEvent> events = all.stream().map(Published::event).toList();
            for (String id : ids) {
                assertCoherent(id, Trace.of(id, events));
            }
            assertThat(f.engine.tickets()).extracting(Ticket::status).allMatch(s -> s.terminal());
            assertThat(f.engine.runningFlows()).isZero();
        }
    }

    /** One ticket's events: created first, each envelope numbered 1.. in its channel after it opened, terminal last. */
    private static void assertCoherent(String id, List<EngineEvent> mine) {
        assertThat(mine.get(0)).isInstanceOf(EngineEvent.TicketCreated.class);
        EngineEvent last = mine.get(mine.size() - 1);
        assertThat(last).isInstanceOfSatisfying(EngineEvent.TicketChanged.class,
                c -> assertThat(c.ticket().status().terminal()).isTrue());
        Map<String, Integer> nextN = new HashMap<>();
        int requested = 0;
        int resolved = 0;
        for (EngineEvent e : mine) {
            if (e instanceof EngineEvent.ChannelOpened o) {
                assertThat(nextN.put(o.channelId(), 1)).as(id + " opened once").isNull();
            } else if (e instanceof EngineEvent.EnvelopePosted p) {
                String ch = p.envelope().channelId();
                assertThat(nextN).as(id + " envelope after its channel opened").containsKey(ch);
                assertThat(p.envelope().n()).isEqualTo(nextN.get(ch));
                nextN.put(ch, nextN.get(ch) + 1);
            } else if (e instanceof EngineEvent.SignOffRequested) {
                requested++;
            } else if (e instanceof EngineEvent.SignOffResolved) {
                resolved++;
            }
        }
        assertThat(resolved).as(id + ": every sign-off resolved exactly once").isEqualTo(requested);
    }
}
