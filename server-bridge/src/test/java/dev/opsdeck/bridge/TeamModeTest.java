package dev.opsdeck.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.bridge.client.Frame;
import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.reasoning.gemini.HeldGemini;
import dev.opsdeck.engine.testing.PostgresServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code opsdeck serve} processes on one real PostgreSQL, as a team runs them: what happens on one is seen on
 * the other once and in order, an answer on either decides, and when one is killed the other finishes its flows.
 */
class TeamModeTest {

    private static final Set<String> TICKET_EVENTS = Set.of("ticket_created", "ticket_status", "channel_opened",
            "envelope", "hitl_requested", "hitl_resolved", "channel_closed");
    private static PostgresServer pg;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() throws Exception {
        pg = PostgresServer.shared();
    }

    private static String database() throws Exception {
        return pg.newDatabase();
    }

    @Test
    void anInjectOnA_reachesBsClientsOnceAndInOrder_andAnAnswerOnB_continuesTheFlowOnA() throws Exception {
        String db = database();
        try (TeamServer a = TeamServer.start(db, dir.resolve("a"), Map.of());
                TeamServer b = TeamServer.start(db, dir.resolve("b"), Map.of())) {
            Recorder onA = a.connect("?replay=0");
            Recorder onB = b.connect("?replay=0");
            onA.untilType("snapshot");
            onB.untilType("snapshot");

            onA.send(Map.of("type", "inject", "incident", "web_5xx"));
            Frame asked = onB.untilType("hitl_requested");
            String ticket = asked.text("ticket_id");
            onB.send(Map.of("type", "hitl_response", "channel_id", asked.text("channel_id"), "decision", "approve",
                    "request_id", "b-1"));
            onA.untilTerminal(ticket);
            onB.untilTerminal(ticket);

            List<String> seenOnA = ofTicket(onA, ticket);
            List<String> seenOnB = ofTicket(onB, ticket);
            assertThat(seenOnB).as("B's client, event by event (so none twice, none missing)").isEqualTo(seenOnA);
            assertThat(onB.ofType("hitl_resolved")).hasSize(1);
            assertThat(onB.ofType("hitl_resolved").get(0).text("outcome")).isEqualTo("approved");
            // A applied the answer B took (through the store) and names B's client's request.
            assertThat(onB.ofType("hitl_resolved").get(0).text("request_id")).isEqualTo("b-1");

            Recorder late = b.connect("?replay=1");
            Frame snapshot = late.untilType("snapshot");
            assertThat(snapshot.raw()).as("a client joining B later has A's ticket in its snapshot").contains(ticket);
        }
    }

    @Test
    void fiftyClientsAcrossBothServers_racingOneSignOff_yieldOneHitlResolved() throws Exception {
        String db = database();
        try (TeamServer a = TeamServer.start(db, dir.resolve("a"), Map.of());
                TeamServer b = TeamServer.start(db, dir.resolve("b"), Map.of())) {
            List<Recorder> clients = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                Recorder r = (i % 2 == 0 ? a : b).connect("?replay=0");
                r.untilType("snapshot");
                clients.add(r);
            }
            clients.get(1).send(Map.of("type", "inject", "incident", "web_5xx"));
            String channel = null;
            for (Recorder r : clients) {
                channel = r.untilType("hitl_requested").text("channel_id");
            }
            String ticket = clients.get(0).ofType("ticket_created").get(0).text("id");

            Racers.answerAtOnce(clients, channel);

            Set<String> decisions = new HashSet<>();
            int refused = 0;
            for (int i = 0; i < clients.size(); i++) {
                Recorder r = clients.get(i);
                r.untilTerminal(ticket);
                List<Frame> resolved = r.ofType("hitl_resolved");
                assertThat(resolved).as("client %d's hitl_resolved", i).hasSize(1);
                decisions.add(resolved.get(0).text("decision"));
                if (!resolved.get(0).text("decision").equals(Racers.decision(i))) {
                    Frame error = r.ofType("error").isEmpty() ? r.untilType("error") : r.ofType("error").get(0);
                    assertThat(error.text("detail")).contains("sign-off");
                    refused++;
                }
            }
            assertThat(decisions).as("every client, on either server, saw the same winner").hasSize(1);
            assertThat(refused).isEqualTo(clients.size() - 1);
        }
    }

    @Test
    void killingAMidFlow_letsBFinishIt_fromWhereItStood() throws Exception {
        String db = database();
        try (HeldGemini model = HeldGemini.holding(Agent.WEB, "INC-008")) {
            Map<String, String> env = Map.of("GEMINI_API_KEY", "stub");
            TeamServer a = TeamServer.start(db, dir.resolve("a"), env, "--gemini-base-url", model.baseUrl());
            try (TeamServer b = TeamServer.start(db, dir.resolve("b"), env, "--gemini-base-url", model.baseUrl())) {
                Recorder onB = b.connect("?replay=0");
                onB.untilType("snapshot");
                Recorder onA = a.connect("?replay=0");
                onA.untilType("snapshot");

                onA.send(Map.of("type", "inject", "incident", "net_unreachable"));
                String pending = onB.untilType("hitl_requested").text("channel_id");
                assertThat(pending).startsWith("INC-007.");
                onA.send(Map.of("type", "inject", "incident", "web_5xx"));
                assertThat(model.awaitHeld(TestBridge.WAIT)).as("A's Web specialist is thinking on INC-008").isTrue();
                int seenBeforeKill = onB.frames.size();

                a.kill();
                model.release(); // A's answer has nowhere to go now

                Frame again = onB.until(f -> f.type().equals("hitl_requested") && onB.frames.indexOf(f) >= seenBeforeKill,
                        "the sign-off asked again by B");
                assertThat(again.text("channel_id")).as("the same sign-off, still pending").isEqualTo(pending);
                onB.answer(pending, "approve");
                onB.untilTerminal("INC-007");
                Frame webAsked = onB.until(f -> f.type().equals("hitl_requested")
                        && f.text("ticket_id").equals("INC-008"), "INC-008's sign-off, its flow finished by B");
                onB.answer(webAsked.text("channel_id"), "approve");
                onB.untilTerminal("INC-008");

                assertThat(onB.ofType("log")).extracting(Frame::raw).anySatisfy(l -> assertThat(l)
                        .contains("INC-008 taken over"));
                assertThat(onB.ofType("hitl_resolved")).extracting(f -> f.text("channel_id"))
                        .as("each sign-off resolved once").doesNotHaveDuplicates();
                for (String channel : List.of("INC-007.remediation", "INC-008.diagnosis", "INC-008.remediation")) {
                    List<String> seen = onB.ofType("envelope").stream()
                            .filter(e -> e.text("channel_id").equals(channel))
                            .map(e -> e.text("sender") + " " + e.text("tool")).toList();
                    assertThat(seen).as("%s as B's client saw it, against its journal", channel)
                            .isEqualTo(journal(db, channel));
                }
                assertThat(journal(db, "INC-008.diagnosis")).filteredOn(p -> p.startsWith(Agent.WEB.displayName() + " "))
                        .as("the Web specialist posted once, though two servers asked it").hasSize(1);

                onB.send(Map.of("type", "inject", "incident", "storage_disk_offline"));
                Frame next = onB.until(f -> f.type().equals("ticket_created"), "a ticket opened on B");
                assertThat(next.text("id")).as("numbers are never reused").isEqualTo("INC-009");
            } finally {
                a.close();
            }
        }
    }

    /** A channel's journal in the database: sender and tool of each envelope, in order. */
    private static List<String> journal(String database, String channel) throws Exception {
        String jdbc = "jdbc:" + database.replaceFirst("//[^@]*@", "//");
        List<String> out = new ArrayList<>();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbc, PostgresServer.USER, "");
                java.sql.PreparedStatement p = c.prepareStatement(
                        "SELECT json FROM envelope WHERE channel_id = ? ORDER BY n")) {
            p.setString(1, channel);
            try (java.sql.ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    com.fasterxml.jackson.databind.JsonNode e = dev.opsdeck.engine.Json.MAPPER.readTree(r.getString(1));
                    out.add(e.path("sender").asText() + " " + (e.path("tool").isNull() ? "" : e.path("tool").asText()));
                }
            }
        }
        return out;
    }

    /** What a client saw of one ticket, event by event (publish times aside: each server stamps its own). */
    private static List<String> ofTicket(Recorder r, String ticket) {
        return r.frames.stream().filter(f -> TICKET_EVENTS.contains(f.type()) && f.raw().contains(ticket))
                .map(f -> f.type() + " " + f.payload()).toList();
    }
}
