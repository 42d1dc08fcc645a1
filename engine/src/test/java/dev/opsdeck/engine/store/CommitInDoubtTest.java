package dev.opsdeck.engine.store;

import static dev.opsdeck.engine.testing.Polling.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.testing.CuttingLink;
import dev.opsdeck.engine.testing.EngineFixture;
import dev.opsdeck.engine.testing.PostgresServer;
import dev.opsdeck.engine.ticket.Status;
import dev.opsdeck.engine.ticket.Ticket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The link to the team's PostgreSQL drops while the answer to a commit is on its way: the database has the ticket's
 * end, and the server that wrote it was never told. CI met it when a database stopped at that moment: the server
 * that ran the flow showed the ticket open for good, while the others saw it end. The writer learns the outcome from
 * the log, publishes the end once, and its flow neither stops with the ticket open nor ends it twice.
 */
class CommitInDoubtTest {

    @TempDir
    Path dir;

    @Test
    void aTicketsEndCommittedAsTheLinkDropped_isPublishedOnce_byTheServerThatWroteIt() throws Exception {
        PostgresServer pg = PostgresServer.shared();
        String db = pg.newDatabase();
        try (CuttingLink link = new CuttingLink(pg.port());
                EngineFixture a = new EngineFixture(dir.resolve("a"), c -> c.withDatabase(
                        db.replace(":" + pg.port() + "/", ":" + link.port() + "/")))) {
            String id = a.inject("web_5xx");
            String channel = a.recorder.await(es -> es.stream().anyMatch(EngineEvent.SignOffRequested.class::isInstance),
                    EngineFixture.WAIT).stream().filter(EngineEvent.SignOffRequested.class::isInstance)
                    .map(e -> ((EngineEvent.SignOffRequested) e).channelId()).findFirst().orElseThrow();

            link.cutAtCommitAfter("\"status\":\"" + Status.RESOLVED.label() + "\"");
            assertThat(a.engine.answer(channel, "approve", "op-a").accepted()).isTrue();
            assertThat(link.awaitCut(60)).as("the link dropped at the commit of the ticket's end").isTrue();

            a.recorder.awaitTerminal(id, EngineFixture.WAIT);
            assertThat(a.engine.ticket(id).orElseThrow().status()).isEqualTo(Status.RESOLVED);
            try (PostgresStore store = PostgresStore.open("jdbc:" + db.replaceFirst("//[^@]*@", "//"),
                    PostgresServer.USER, "")) {
                assertThat(store.ticket(id).orElseThrow().status()).as("the database has it").isEqualTo(Status.RESOLVED);
                awaitTrue(() -> a.engine.runningFlows() == 0 && a.engine.problem().isEmpty()
                        && a.engine.tickets().equals(store.tickets(false)), EngineFixture.WAIT);
            }
            List<EngineEvent> events = a.recorder.events();
            assertThat(events.stream().filter(e -> e instanceof EngineEvent.TicketChanged c
                    && c.ticket().id().equals(id) && c.ticket().status().terminal()))
                    .as("the end published once").hasSize(1);
            // Said as it was known: the write failed and the flow was held; then the log showed it went through.
            assertThat(events.stream().filter(e -> e instanceof EngineEvent.ErrorReported r
                    && r.detail().contains(id)).map(e -> ((EngineEvent.ErrorReported) e).detail()))
                    .singleElement().asString().startsWith(id + " is held: cannot write to database");
            assertThat(events.stream().filter(e -> e instanceof EngineEvent.LogLine l
                    && l.message().contains(id)).map(e -> ((EngineEvent.LogLine) e).message()))
                    .anySatisfy(m -> assertThat(m).contains("went through"));
            assertThat(a.engine.tickets()).extracting(Ticket::id).contains(id);
        }
    }
}
