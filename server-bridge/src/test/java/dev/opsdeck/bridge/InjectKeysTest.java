package dev.opsdeck.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.bridge.client.Frame;
import dev.opsdeck.engine.world.Incident;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code inject} by incident key and by scenario: full, duplicate, custom; a missing or unknown key runs the first. */
class InjectKeysTest {

    @TempDir
    Path dir;

    @Test
    void everyWayToInject_opensTheRightTicket() throws Exception {
        try (TestBridge t = TestBridge.start(dir, c -> c.withMaxFlows(50), b -> b)) {
            Recorder c = t.connect("?replay=0");
            c.untilType("snapshot");
            Incident first = t.engine.world().incidents().get(0);
            Incident other = t.engine.world().incidents().get(1);

            c.send(Map.of("type", "inject", "scenario", "duplicate"));
            Frame ignored = c.until(f -> f.type().equals("inject_ignored") || f.type().startsWith("ticket_"), "answer");
            assertThat(ignored.type()).as("nothing to duplicate yet").isEqualTo("inject_ignored");
            assertThat(ignored.text("reason")).contains("nothing to duplicate");

            assertOpens(c, Map.of("type", "inject", "incident", other.key()), other.system(), other.issue(), other.sev());
            assertOpens(c, Map.of("type", "inject"), first.system(), first.issue(), first.sev());
            assertOpens(c, Map.of("type", "inject", "incident", "no_such_incident"), first.system(), first.issue(), first.sev());
            Incident web = t.engine.world().incident("web_5xx").orElseThrow();
            assertOpens(c, Map.of("type", "inject", "scenario", "full"), web.system(), web.issue(), web.sev());
            assertOpens(c, Map.of("type", "inject", "scenario", "custom", "system", "db-primary-01", "issue", "replication_lag",
                    "sev", "sev1", "description", "lag 40 s"), "db-primary-01", "replication_lag", "sev1");
            Frame custom = assertOpens(c, Map.of("type", "inject", "scenario", "custom", "system", "db-primary-01",
                    "issue", "slow_query"), "db-primary-01", "slow_query", "sev3");
            // Let it end first: two open tickets of one system and issue would each find the other in the lookup.
            c.untilTerminal(custom.text("id"));

            Frame dup = assertOpens(c, Map.of("type", "inject", "scenario", "duplicate"), "db-primary-01", "slow_query", "sev3");
            Frame end = c.untilTerminal(dup.text("id"));
            assertThat(end.text("status")).as("%s", FlowOrderTest.tokens(FlowOrderTest.ours(c.frames, dup.text("id"))))
                    .isEqualTo("Duplicate");

            int tickets = t.engine.tickets().size();
            c.send(Map.of("type", "inject", "scenario", "custom", "system", "db-primary-01"));
            assertThat(c.untilType("error").text("detail")).contains("issue");
            c.send(Map.of("type", "inject", "scenario", "custom", "system", "db", "issue", "x", "sev", "sev9"));
            assertThat(c.untilType("error").text("detail")).contains("sev");
            c.send(Map.of("type", "inject", "scenario", "everything"));
            assertThat(c.untilType("error").text("detail")).contains("unknown scenario");
            assertThat(t.engine.tickets()).hasSize(tickets);
        }
    }

    @Test
    void anOpenedInject_isToldToItsSenderByItsId_andToNobodyElse() throws Exception {
        try (TestBridge t = TestBridge.start(dir, c -> c.withMaxFlows(50), b -> b)) {
            Recorder sender = t.connect("?replay=0");
            Recorder other = t.connect("?replay=0");
            sender.untilType("snapshot");
            other.untilType("snapshot");
            sender.send(Map.of("type", "inject", "scenario", "custom", "system", "cache-02", "issue", "evictions",
                    "request_id", "req-7"));
            Frame accepted = sender.untilType("inject_accepted");
            assertThat(accepted.text("request_id")).isEqualTo("req-7");
            assertThat(accepted.text("incident")).isEqualTo("custom");
            // The reply is written by the reading thread, the ticket by the stream's: either may come first.
            Frame created = sender.ofType("ticket_created").isEmpty() ? sender.untilType("ticket_created")
                    : sender.ofType("ticket_created").get(0);
            assertThat(accepted.text("ticket_id")).isEqualTo(created.text("id"));

            // The other client sees the ticket; the reply was the sender's alone. Its own inject without an id
            // gets no reply either: a ping after it is answered first with nothing of the kind between.
            other.until(f -> f.type().equals("ticket_created") && f.text("id").equals(created.text("id")), "the ticket");
            other.send(Map.of("type", "inject", "incident", "web_5xx"));
            other.until(f -> f.type().equals("ticket_created") && f.text("system").equals(
                    t.engine.world().incident("web_5xx").orElseThrow().system()), "its own ticket");
            other.send(Map.of("type", "ping"));
            other.untilType("pong");
            assertThat(other.ofType("inject_accepted")).isEmpty();
        }
    }

    @Test
    void aRefusedInject_namesTheIncidentItRefused_andTheRequestsId() throws Exception {
        try (TestBridge t = TestBridge.start(dir, c -> c.withMaxFlows(1), b -> b)) {
            Recorder c = t.connect("?replay=0");
            c.untilType("snapshot");
            c.send(Map.of("type", "inject", "incident", "web_5xx"));
            c.untilType("hitl_requested"); // its flow holds the one slot while it waits

            c.send(Map.of("type", "inject", "scenario", "custom", "system", "cache-02", "issue", "evictions",
                    "request_id", "req-42"));
            Frame refused = c.untilType("inject_ignored");
            assertThat(refused.text("reason")).contains("concurrency cap");
            assertThat(refused.text("incident")).isEqualTo("custom");
            assertThat(refused.text("system")).isEqualTo("cache-02");
            assertThat(refused.text("issue")).isEqualTo("evictions");
            assertThat(refused.text("request_id")).isEqualTo("req-42");

            c.send(Map.of("type", "inject", "incident", "storage_io_error"));
            Frame byKey = c.until(f -> f.type().equals("inject_ignored")
                    && f.text("incident").equals("storage_io_error"), "the catalogue inject refused");
            Incident storage = t.engine.world().incident("storage_io_error").orElseThrow();
            assertThat(byKey.text("system")).isEqualTo(storage.system());
            assertThat(byKey.text("issue")).isEqualTo(storage.issue());
            assertThat(byKey.payload().has("request_id")).as("no id given, none named").isFalse();
        }
    }

    private static Frame assertOpens(Recorder c, Map<String, ?> inject, String system, String issue, String sev)
            throws Exception {
        c.send(inject);
        Frame created = c.until(f -> f.type().equals("ticket_created") || f.type().equals("inject_ignored")
                || f.type().equals("error"), "ticket_created for " + inject);
        assertThat(created.type()).as("answer to %s: %s", inject, created.raw()).isEqualTo("ticket_created");
        assertThat(created.text("system")).isEqualTo(system);
        assertThat(created.text("issue")).isEqualTo(issue);
        assertThat(created.text("sev")).isEqualTo(sev);
        return created;
    }
}
