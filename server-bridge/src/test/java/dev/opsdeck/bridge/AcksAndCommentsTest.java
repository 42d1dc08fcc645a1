package dev.opsdeck.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.bridge.client.Frame;
import dev.opsdeck.bridge.people.Users;
import dev.opsdeck.bridge.people.UsersFile;
import dev.opsdeck.engine.Json;
import dev.opsdeck.engine.ticket.Ticket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledge and comment over /ws, as two people: who took a ticket and what was said are told to everyone with
 * the right names, answered by {@code request_id}, kept in the store (a restart still shows them), and a comment is
 * plain text: markup stays text, terminal escapes and control characters are gone.
 */
class AcksAndCommentsTest {

    @TempDir
    Path dir;

    @Test
    void aliceAcks_bobIsRefusedNamingHer_andBobsCommentIsKeptAsPlainText() throws Exception {
        Path file = dir.resolve("users.yaml");
        String alice = UsersFile.add(file, "alice");
        String bob = UsersFile.add(file, "bob");
        Path data = dir.resolve("data");
        String id;
        String hostile = "<script>alert(1)</script> <b>bold</b>\u001B[31mred\u001B[0m\u0007\nsecond line";
        try (TestBridge t = TestBridge.start(data, c -> c, b -> b.withUsers(Users.load(file)))) {
            Recorder a = t.connect("?replay=0&token=" + alice);
            Recorder b = t.connect("?replay=0&token=" + bob);
            a.untilType("snapshot");
            b.untilType("snapshot");
            a.send(Map.of("type", "inject", "incident", "storage_io_error"));
            id = a.untilType("ticket_created").text("id");

            a.send(Map.of("type", "ack", "ticket_id", id, "request_id", "r-1"));
            Frame acked = b.untilType("ticket_acked");
            assertThat(acked.text("by")).isEqualTo("alice");
            assertThat(acked.text("ticket_id")).isEqualTo(id);
            assertThat(a.untilType("ticket_acked").text("request_id")).isEqualTo("r-1");

            b.send(Map.of("type", "ack", "ticket_id", id, "request_id", "r-2"));
            Frame refused = b.until(f -> f.type().equals("error") && f.text("request_id").equals("r-2"), "refusal");
            assertThat(refused.text("detail")).contains("already acknowledged by alice");

            b.send(Map.of("type", "comment", "ticket_id", id, "text", hostile, "request_id", "r-3"));
            Frame said = a.untilType("ticket_comment");
            assertThat(said.text("by")).isEqualTo("bob");
            assertThat(said.text("text")).isEqualTo("<script>alert(1)</script> <b>bold</b>red\nsecond line");
            Frame changed = a.until(f -> f.type().equals("ticket_status") && f.payload().has("comments"),
                    "the ticket with its comment");
            assertThat(changed.payload().path("acked").path("by").asText()).isEqualTo("alice");
            assertThat(changed.payload().path("comments").get(0).path("by").asText()).isEqualTo("bob");

            b.send(Map.of("type", "comment", "ticket_id", "INC-999", "text", "hello", "request_id", "r-4"));
            assertThat(b.until(f -> f.type().equals("error") && f.text("request_id").equals("r-4"), "refusal")
                    .text("detail")).contains("no ticket INC-999");
            b.send(Map.of("type", "comment", "ticket_id", id, "text", "\u001B[2J\u0007", "request_id", "r-5"));
            assertThat(b.until(f -> f.type().equals("error") && f.text("request_id").equals("r-5"), "refusal")
                    .text("detail")).contains("needs some text");
            Frame asked = a.ofType("hitl_requested").isEmpty() ? a.untilType("hitl_requested")
                    : a.ofType("hitl_requested").get(0);
            // A taken answer is told by its hitl_resolved, which names the request that decided, to everyone.
            a.send(Map.of("type", "hitl_response", "channel_id", asked.text("channel_id"), "decision", "approve",
                    "request_id", "r-answer"));
            Frame resolved = b.untilType("hitl_resolved");
            assertThat(resolved.text("request_id")).isEqualTo("r-answer");
            assertThat(resolved.text("by")).isEqualTo("alice");
            assertThat(a.untilType("hitl_resolved").text("request_id")).isEqualTo("r-answer");
            // Any refused command names its request: a sign-off answer on a channel with nothing pending, say.
            a.send(Map.of("type", "hitl_response", "channel_id", id + ".remediation", "decision", "approve",
                    "request_id", "r-6"));
            assertThat(a.until(f -> f.type().equals("error") && f.text("request_id").equals("r-6"), "refusal")
                    .text("detail")).contains("no pending sign-off");
            a.send(Map.of("type", "nonsense", "request_id", "r-7"));
            assertThat(a.until(f -> f.type().equals("error") && f.text("request_id").equals("r-7"), "refusal")
                    .text("detail")).contains("unknown type");
            a.untilTerminal(id);
        }
        // Kept: a new server on the same data shows who took it and what was said, stamped by them.
        try (TestBridge t = TestBridge.start(data)) {
            JsonNode tickets = Json.MAPPER.readTree(t.get("/snapshot").body()).get("tickets");
            Ticket kept = Json.read(tickets.get(0).toString(), Ticket.class);
            assertThat(kept.id()).isEqualTo(id);
            assertThat(kept.acked().by()).isEqualTo("alice");
            assertThat(kept.comments()).extracting(Ticket.Comment::by).containsExactly("bob");
            assertThat(kept.timeline()).extracting(m -> m.by() + ": " + m.what()).contains("alice: acknowledged by alice",
                    "bob: comment by bob: <script>alert(1)</script> <b>bold</b>red second line");
        }
    }
}
