package dev.opsdeck.engine.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.event.EventStream;
import dev.opsdeck.engine.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In a team, bob's comment taken on server B is written as B's copy of the ticket, while server A, which runs the
 * ticket's flow, writes a change from a copy that did not have it yet and so overwrites it. Once A has read B's
 * write, A takes the comment into its own copy and writes it again: the ticket keeps both, the flow's change and
 * bob's comment with its timeline line as B stamped it.
 */
class RemarksRaceTest {

    @TempDir
    Path dir;

    @Test
    void aCommentOverwrittenByTheFlowsServer_isWrittenBackIntoItsCopy_keepingTheFlowsChange() throws Exception {
        try (Store store = Store.open(dir)) {
            Tickets onA = new Tickets(store, new EventStream(Clock.systemUTC(), 100, events -> store.record("a", events)),
                    Clock.systemUTC());
            Ticket opened = onA.open("web-edge-01", "web_5xx", "sev2");
            Ticket onB = opened.withComment(new Ticket.Comment(100.0, "bob", "the standby is down too"))
                    .stamped(100.0, "bob");
            onA.change(opened.id(), "Triage", t -> t.withNote("triage: web layer")); // from the copy without it

            onA.takeRemarks(onB);

            Ticket now = onA.get(opened.id()).orElseThrow();
            assertThat(now.history()).contains("triage: web layer", "comment by bob: the standby is down too");
            assertThat(now.comments()).extracting(Ticket.Comment::by).containsExactly("bob");
            assertThat(now.timeline()).anySatisfy(m -> {
                assertThat(m.by()).isEqualTo("bob");
                assertThat(m.at()).isEqualTo(100.0);
            });
            assertThat(store.tickets(false)).filteredOn(t -> t.id().equals(opened.id())).singleElement()
                    .satisfies(t -> assertThat(t.history()).contains("triage: web layer",
                            "comment by bob: the standby is down too"));

            Ticket again = onA.get(opened.id()).orElseThrow();
            onA.takeRemarks(onB);
            assertThat(onA.get(opened.id()).orElseThrow()).as("nothing missing: nothing written").isSameAs(again);
        }
    }
}
