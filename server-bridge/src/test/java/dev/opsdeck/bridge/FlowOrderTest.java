package dev.opsdeck.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.bridge.client.Frame;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The full and the duplicate flow as a real WebSocket client sees them, in PROTOCOL.md's order. */
class FlowOrderTest {

    static final Map<String, String> SPECIALISTS = Map.of("network", "Network", "storage", "Storage", "web", "Web");
    static final Map<String, String> FIXERS = Map.of("infra", "Infra", "storage", "StorageFix", "config", "ConfigFix",
            "human", "Human");

    @TempDir
    Path dir;

    @Test
    void fullThenDuplicate_arriveInTheContractsOrder() throws Exception {
        try (TestBridge t = TestBridge.start(dir)) {
            Recorder c = t.connect("?replay=0");
            c.untilType("snapshot");
            int logs = t.engine.world().incident("web_5xx").orElseThrow().errorLogs().size();

            c.send(Map.of("type", "inject", "scenario", "full"));
            Frame hitl = c.untilType("hitl_requested");
            c.answer(hitl.text("channel_id"), Wire.APPROVE);
            String id = c.ofType("ticket_created").get(0).text("id");
            c.untilTerminal(id);
            assertFullFlow(ours(c.frames, id), logs);

            int seen = c.frames.size();
            c.send(Map.of("type", "inject", "scenario", "duplicate"));
            String dup = c.untilType("ticket_created").text("id");
            c.untilTerminal(dup);
            assertThat(dup).isNotEqualTo(id);
            List<String> tokens = tokens(ours(c.frames.subList(seen, c.frames.size()), dup));
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < logs; i++) {
                expected.add("log error web-edge-01");
            }
            expected.addAll(List.of("ticket_created Diagnosing", "channel_opened diagnosis", "TicketBot text",
                    "IntakeLookup list_recent_tickets", "IntakeDecide mark_as_duplicate", "channel_closed duplicate",
                    "ticket_status Diagnosing parent=" + id, "ticket_status Duplicate parent=" + id));
            assertThat(tokens).containsExactlyElementsOf(expected);
            Frame last = c.frames.get(c.frames.size() - 1);
            assertThat(last.payload().path("history").get(last.payload().path("history").size() - 1).asText())
                    .isEqualTo("Duplicate · of " + id);
        }
    }

    private static void assertFullFlow(List<Frame> frames, int logs) {
        List<String> tokens = tokens(frames);
        List<String> head = new ArrayList<>();
        for (int i = 0; i < logs; i++) {
            head.add("log error web-edge-01");
        }
        head.addAll(List.of("ticket_created Diagnosing", "channel_opened diagnosis", "TicketBot text",
                "IntakeLookup list_recent_tickets", "IntakeDecide proceed_to_triage", "Triage assign_specialists"));
        assertThat(tokens.subList(0, head.size())).containsExactlyElementsOf(head);

        // The chosen specialists report in any order, then RCA and Remediation close the diagnosis.
        Frame triage = frames.get(head.size() - 1);
        Set<String> chosen = new HashSet<>();
        triage.payload().path("tool_args").path("specialists").forEach(s -> chosen.add(SPECIALISTS.get(s.asText())));
        int at = head.size();
        assertThat(new HashSet<>(tokens.subList(at, at + chosen.size())))
                .isEqualTo(chosen.stream().map(s -> s + " submit_findings").collect(java.util.stream.Collectors.toSet()));
        at += chosen.size();
        List<String> middle = List.of("RCA submit_rca", "Remediation post_recommendations",
                "channel_closed remediation_recommended", "ticket_status Diagnosing rca", "ticket_status Remediation_Recommended rca",
                "channel_opened remediation", "ticket_status Remediating rca", "RemBot text",
                "ticket_status Remediating rca", "Runner propose_actions", "RemTriage assign_fixers",
                "ticket_status Remediating rca needs_human", "hitl_requested");
        assertThat(tokens.subList(at, at + middle.size())).containsExactlyElementsOf(middle);
        at += middle.size();

        // From the sign-off on, the fixers' posts interleave; the operator's answer and the close are each one block.
        Set<String> fixers = new HashSet<>();
        frames.get(at - 3).payload().path("tool_args").path("fixers").forEach(f -> fixers.add(FIXERS.get(f.asText())));
        assertThat(fixers).contains("Human");
        List<String> rest = tokens.subList(at, tokens.size());
        int answered = rest.indexOf("ticket_status Remediating rca");
        assertThat(answered).as("needs_human cleared in %s", rest).isGreaterThanOrEqualTo(0);
        assertThat(rest.subList(answered, answered + 3))
                .containsExactly("ticket_status Remediating rca", "hitl_resolved approved", "Human text");
        int resolver = rest.indexOf("Resolver close_ticket");
        assertThat(rest.subList(resolver, rest.size())).hasSize(4);
        assertThat(rest.get(resolver + 1)).isEqualTo("channel_closed resolved");
        assertThat(rest.get(resolver + 2)).isEqualTo("ticket_status Remediating rca resolution");
        assertThat(rest.get(resolver + 3)).matches("ticket_status (Resolved|Partially Resolved|Needs Followup) rca resolution");
        // The runner runs what was approved once the band has joined, then says it is done, then the Resolver closes.
        assertThat(rest.get(resolver - 1)).isEqualTo("Runner finish_actions");
        int firstRun = rest.indexOf("Runner run_action");
        assertThat(firstRun).as("an approved action ran").isGreaterThan(rest.indexOf("Human text"));
        List<String> others = new ArrayList<>(rest.subList(0, resolver));
        others.removeAll(List.of("ticket_status Remediating rca", "hitl_resolved approved", "Human text",
                "Runner run_action", "Runner finish_actions"));
        Set<String> fixPosts = new HashSet<>();
        fixers.stream().filter(f -> !f.equals("Human")).forEach(f -> fixPosts.add(f + " submit_fix"));
        assertThat(new HashSet<>(others)).isEqualTo(fixPosts);
        assertThat(others).hasSize(fixPosts.size());
    }

    /** The frames of one ticket: its logs (the frames before its creation), its ticket events and its channels. */
    static List<Frame> ours(List<Frame> frames, String ticketId) {
        Set<String> channels = new HashSet<>();
        List<Frame> out = new ArrayList<>();
        boolean created = false;
        for (Frame f : frames) {
            String type = f.type();
            if (type.equals("channel_opened") && f.text("ticket_id").equals(ticketId)) {
                channels.add(f.text("channel_id"));
            }
            boolean mine = type.startsWith("ticket_") && f.text("id").equals(ticketId)
                    || channels.contains(f.text("channel_id"))
                    || type.equals("hitl_requested") && f.text("ticket_id").equals(ticketId)
                    || type.equals("log") && !created;
            created |= type.equals("ticket_created") && f.text("id").equals(ticketId);
            if (mine) {
                out.add(f);
            }
        }
        return out;
    }

    /** One short token per frame, naming what the order check cares about. */
    static List<String> tokens(List<Frame> frames) {
        List<String> out = new ArrayList<>();
        for (Frame f : frames) {
            switch (f.type()) {
                case "log" -> out.add("log " + f.text("level") + " " + f.text("service"));
                case "ticket_created", "ticket_status" -> out.add(f.type() + " " + f.text("status")
                        + (f.text("rca").isEmpty() ? "" : " rca")
                        + (f.text("parent").isEmpty() ? "" : " parent=" + f.text("parent"))
                        + (f.text("resolution").isEmpty() ? "" : " resolution")
                        + (f.payload().path("needs_human").asBoolean() ? " needs_human" : ""));
                case "channel_opened" -> out.add("channel_opened " + f.text("stage"));
                case "channel_closed" -> out.add("channel_closed " + f.text("reason"));
                case "envelope" -> out.add(f.text("sender") + " "
                        + (f.text("event_type").equals("ag2.msg.text") ? "text" : f.text("tool")));
                case "hitl_resolved" -> out.add("hitl_resolved " + f.text("outcome"));
                default -> out.add(f.type());
            }
        }
        return out;
    }
}
