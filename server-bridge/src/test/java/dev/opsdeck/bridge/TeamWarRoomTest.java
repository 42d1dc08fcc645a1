package dev.opsdeck.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.bridge.client.Frame;
import dev.opsdeck.bridge.people.UsersFile;
import dev.opsdeck.engine.Json;
import dev.opsdeck.engine.testing.PostgresServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two people on two servers of a team (one real PostgreSQL): alice acknowledges and approves on A, bob comments on
 * B; each sees the other's acts with the right names, and a client joining B later finds the ticket, its timeline
 * and its comments agreeing.
 */
class TeamWarRoomTest {

    @TempDir
    Path dir;

    @Test
    void aliceOnA_andBobOnB_seeEachOthersActs_underTheirNames() throws Exception {
        String db = PostgresServer.shared().newDatabase();
        Path users = dir.resolve("users.yaml");
        String alice = UsersFile.add(users, "alice");
        String bob = UsersFile.add(users, "bob");
        try (TeamServer a = TeamServer.start(db, dir.resolve("a"), Map.of(), "--users", users.toString());
                TeamServer b = TeamServer.start(db, dir.resolve("b"), Map.of(), "--users", users.toString())) {
            Recorder onA = a.connect("?replay=0&token=" + alice);
            Recorder onB = b.connect("?replay=0&token=" + bob);
            onA.untilType("snapshot");
            onB.untilType("snapshot");

            onA.send(Map.of("type", "inject", "incident", "web_5xx"));
            String id = onA.untilType("ticket_created").text("id");
            onA.send(Map.of("type", "ack", "ticket_id", id));
            assertThat(onB.untilType("ticket_acked").text("by")).isEqualTo("alice");
            onB.send(Map.of("type", "comment", "ticket_id", id, "text", "the standby is down too"));
            Frame said = onA.untilType("ticket_comment");
            assertThat(said.text("by")).isEqualTo("bob");
            assertThat(said.text("text")).isEqualTo("the standby is down too");

            Frame asked = onA.ofType("hitl_requested").isEmpty() ? onA.untilType("hitl_requested")
                    : onA.ofType("hitl_requested").get(0);
            onA.answer(asked.text("channel_id"), "approve");
            assertThat(onB.untilType("hitl_resolved").text("by")).isEqualTo("alice");
            onA.untilTerminal(id);
            onB.untilTerminal(id);

            Recorder late = b.connect("?replay=0&token=" + bob);
            JsonNode ticket = null;
            for (JsonNode t : Json.MAPPER.readTree(late.untilType("snapshot").raw()).get("payload").get("tickets")) {
                if (t.get("id").asText().equals(id)) {
                    ticket = t;
                }
            }
            assertThat(ticket).isNotNull();
            assertThat(ticket.get("acked").get("by").asText()).isEqualTo("alice");
            assertThat(ticket.get("comments")).hasSize(1);
            assertThat(ticket.get("comments").get(0).get("by").asText()).isEqualTo("bob");
            List<String> timeline = new ArrayList<>();
            ticket.get("timeline").forEach(m -> timeline.add(m.get("by").asText() + ": " + m.get("what").asText()));
            assertThat(timeline).contains("alice: acknowledged by alice", "bob: comment by bob: the standby is down too",
                    "alice: sign-off approved by alice");
        }
    }
}
