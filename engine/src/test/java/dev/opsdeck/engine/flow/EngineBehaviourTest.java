package dev.opsdeck.engine.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opsdeck.engine.Engine;
import dev.opsdeck.engine.EngineConfig;
import dev.opsdeck.engine.InjectResult;
import dev.opsdeck.engine.Injection;
import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.reasoning.Reply;
import dev.opsdeck.engine.reasoning.ToolCall;
import dev.opsdeck.engine.store.StoreException;
import dev.opsdeck.engine.testing.EngineFixture;
import dev.opsdeck.engine.testing.ScriptedReasoner;
import dev.opsdeck.engine.ticket.Status;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Envelope;
import dev.opsdeck.engine.world.WorldLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineBehaviourTest {

    @TempDir
    Path dir;

    @Test
    void aDiagnosisWhoseEvidenceMatchesNoRule_endsNeedsFollowup_sayingWhy() {
        try (EngineFixture f = new EngineFixture(dir, c -> c)) {
            InjectResult r = f.engine.inject(Injection.custom("db-primary-01", "db_slow_queries", "sev3",
                    "queries feel slow"));
            assertThat(r.accepted()).isTrue();
            List<EngineEvent> all = f.recorder.awaitTerminal(r.ticketId(), EngineFixture.WAIT);
            Ticket t = f.engine.ticket(r.ticketId()).orElseThrow();
            assertThat(t.status()).isEqualTo(Status.NEEDS_FOLLOWUP);
            assertThat(t.history()).last().asString()
                    .startsWith("Needs Followup · the diagnosis found no root cause; needs a human look");
            // What is known is said all the same: what was ruled out, and what follows.
            assertThat(t.rca()).startsWith("No root cause found: ").contains("ruled out");
            assertThat(t.confidence()).isEqualTo("low");
            assertThat(t.resolution()).startsWith("No root cause was found, so nothing was repaired; what follows: ");
            assertThat(all).noneMatch(e -> e instanceof EngineEvent.ChannelOpened o && o.stage().wire().equals("remediation"));
        }
    }

    @Test
    void theOfflineRca_differsByIncident_andFollowsTheEvidence() {
        try (EngineFixture f = new EngineFixture(dir, c -> c.withMaxFlows(10)).answering(Texts.APPROVE)) {
            String web = f.inject("web_5xx");
            String net = f.inject("net_unreachable");
            String timeout = f.inject("web_upstream_timeout");
            String latency = f.inject("storage_high_latency");
            for (String id : List.of(web, net, timeout, latency)) {
                f.recorder.awaitTerminal(id, EngineFixture.WAIT);
            }
            assertThat(f.engine.ticket(web).orElseThrow().rca()).contains("storage layer").contains("slot 2");
            assertThat(f.engine.ticket(net).orElseThrow().rca()).contains("network layer").contains("eth1");
            assertThat(f.engine.ticket(timeout).orElseThrow().rca()).contains("web layer").contains("api-gateway-02")
                    .contains("Ruled out: network");
            assertThat(f.engine.ticket(latency).orElseThrow().confidence()).isEqualTo("low");
            assertThat(f.engine.ticket(web).orElseThrow().confidence()).isEqualTo("high");
            assertThat(f.engine.ticket(latency).orElseThrow().recommendations())
                    .anyMatch(s -> s.contains("Pause the manual scrub"));
        }
    }

    @Test
    void aBackendAnswerThatMisfits_isReported_andTheRulesTakeThatTurn() {
        ScriptedReasoner model = new ScriptedReasoner(WorldLoader.bundled()).script(Agent.TRIAGE, req ->
                new Reply(List.of(new ToolCall("assign_specialists",
                        Map.of("specialists", List.of("database"), "reason", "guess"), "")), "db!", "scripted", null));
        try (EngineFixture f = new EngineFixture(dir, c -> c.withReasoner(model)).answering(Texts.APPROVE)) {
            String id = f.inject("web_5xx");
            List<EngineEvent> all = f.recorder.awaitTerminal(id, EngineFixture.WAIT);
            assertThat(all).anyMatch(e -> e instanceof EngineEvent.ErrorReported err && err.where().equals("flow")
                    && err.detail().contains("unknown nickname 'database'"));
            Envelope triage = f.engine.journal(id + ".diagnosis").stream().filter(e -> e.sender().equals("Triage"))
                    .findFirst().orElseThrow();
            assertThat(triage.body()).contains("(rules fallback: assign_specialists: unknown nickname 'database'");
            assertThat(triage.backend()).isEqualTo("rules (fallback)");
            assertThat(f.engine.ticket(id).orElseThrow().status()).isEqualTo(Status.RESOLVED);
        }
    }

    @Test
    void aBackendThatThrows_neverHangsTheFlow() {
        ScriptedReasoner model = new ScriptedReasoner(WorldLoader.bundled()).script(Agent.RESOLVER, req -> {
            throw new IllegalStateException("model unavailable");
        });
        try (EngineFixture f = new EngineFixture(dir, c -> c.withReasoner(model)).answering(Texts.DEFER)) {
            String id = f.inject("web_5xx");
            f.recorder.awaitTerminal(id, EngineFixture.WAIT);
            assertThat(f.engine.ticket(id).orElseThrow().status()).isEqualTo(Status.PARTIALLY_RESOLVED);
        }
    }

    @Test
    void refusedInjects_areReportedAsEvents_forTheDebounceAndTheFlowCap() {
        try (EngineFixture f = new EngineFixture(dir, c -> c.withMaxFlows(1))) {
            String first = f.inject("web_5xx");
            InjectResult again = f.engine.inject(Injection.of("web_5xx"));
            assertThat(again.accepted()).isFalse();
            assertThat(again.reason()).startsWith("debounced");
            InjectResult capped = f.engine.inject(Injection.of("net_unreachable"));
            assertThat(capped.accepted()).isFalse();
            assertThat(capped.reason()).startsWith("at concurrency cap");
            List<EngineEvent> all = f.recorder.await(es -> es.stream()
                    .filter(EngineEvent.InjectIgnored.class::isInstance).count() == 2, EngineFixture.WAIT);
            assertThat(all).filteredOn(EngineEvent.InjectIgnored.class::isInstance).extracting(e ->
                    ((EngineEvent.InjectIgnored) e).incident()).containsExactly("web_5xx", "net_unreachable");
            f.recorder.await(es -> es.stream().anyMatch(EngineEvent.SignOffRequested.class::isInstance), EngineFixture.WAIT);
            f.engine.answer(first + ".remediation", Texts.APPROVE, "test");
            f.recorder.awaitTerminal(first, EngineFixture.WAIT);
        }
    }

    @Test
    void anUnknownIncidentKey_runsTheFirstIncident_andABadCustomIncidentIsRefusedWithAReason() {
        try (EngineFixture f = new EngineFixture(dir, c -> c)) {
            InjectResult unknown = f.engine.inject(Injection.of("no_such_incident"));
            assertThat(unknown.incident()).isEqualTo("web_5xx");
            InjectResult bad = f.engine.inject(Injection.custom(" ", "disk_full", "sev2", ""));
            assertThat(bad.accepted()).isFalse();
            assertThat(bad.reason()).isEqualTo("system is required");
            assertThat(f.engine.inject(Injection.custom("web-edge-01", "disk_full", "sev9", "")).reason())
                    .contains("sev must be sev1, sev2 or sev3");
        }
    }

    @Test
    void injectRepeat_reinjectsTheNewestTicket_soDiagnosisFindsADuplicate() {
        try (EngineFixture f = new EngineFixture(dir, c -> c.withDebounce(Duration.ZERO)).answering(Texts.APPROVE)) {
            assertThat(f.engine.injectRepeat().reason()).contains("nothing to duplicate");
            String first = f.inject("storage_disk_offline");
            f.recorder.awaitTerminal(first, EngineFixture.WAIT);
            InjectResult repeat = f.engine.injectRepeat();
            f.recorder.awaitTerminal(repeat.ticketId(), EngineFixture.WAIT);
            assertThat(f.engine.ticket(repeat.ticketId()).orElseThrow().parent()).isEqualTo(first);
        }
    }

    @Test
    void reset_archivesTickets_clearsTheView_andIdsGoOn() {
        try (EngineFixture f = new EngineFixture(dir, c -> c).answering(Texts.APPROVE)) {
            String first = f.inject("web_5xx");
            f.recorder.awaitTerminal(first, EngineFixture.WAIT);
            f.engine.reset();
            assertThat(f.engine.tickets()).isEmpty();
            String next = f.inject("web_5xx");
            assertThat(first).isEqualTo("INC-007");
            assertThat(next).isEqualTo("INC-008");
            List<EngineEvent> all = f.recorder.awaitTerminal(next, EngineFixture.WAIT);
            assertThat(all).anyMatch(EngineEvent.Reset.class::isInstance);
            assertThat(f.engine.ticket(next).orElseThrow().status())
                    .as("archived tickets are not duplicates' parents").isEqualTo(Status.RESOLVED);
        }
    }

    @Test
    void aResetMidFlow_cancelsIt_andTheTicketIsNotLeftOpen() {
        try (EngineFixture f = new EngineFixture(dir, c -> c)) {
            String id = f.inject("web_5xx");
            f.recorder.await(es -> es.stream().anyMatch(EngineEvent.SignOffRequested.class::isInstance), EngineFixture.WAIT);
            f.engine.reset();
            assertThat(f.engine.runningFlows()).isZero();
            f.engine.close();
            try (Engine again = Engine.start(EngineConfig.defaults(dir))) {
                assertThat(again.runningFlows()).isZero();
                assertThat(again.inject(Injection.of("web_5xx")).ticketId()).isEqualTo("INC-008");
            }
            assertThat(f.recorder.events()).anyMatch(e -> e instanceof EngineEvent.TicketChanged c
                    && c.ticket().id().equals(id) && c.ticket().status() == Status.NEEDS_FOLLOWUP);
        }
    }

    @Test
    void aCorruptDataFile_failsWithAClearMessage() throws Exception {
        Files.writeString(dir.resolve("opsdeck.db"), "this is not a database, just some text that is long enough");
        assertThatThrownBy(() -> Engine.start(EngineConfig.defaults(dir)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("opsdeck.db")
                .hasMessageContaining("not an OpsDeck data file or it is corrupt");
    }

    @Test
    void everyAgentTurn_runsOnTheEnginesTurnPool() {
        java.util.Set<String> turns = java.util.concurrent.ConcurrentHashMap.newKeySet();
        dev.opsdeck.engine.reasoning.offline.OfflineRules rules =
                new dev.opsdeck.engine.reasoning.offline.OfflineRules(WorldLoader.bundled());
        dev.opsdeck.engine.reasoning.Reasoner watching = new dev.opsdeck.engine.reasoning.Reasoner() {
            @Override
            public String name() {
                return "rules";
            }

            @Override
            public Reply think(dev.opsdeck.engine.reasoning.TurnRequest request) {
                turns.add(Thread.currentThread().getName());
                return rules.think(request);
            }
        };
        try (EngineFixture f = new EngineFixture(dir, c -> c.withReasoner(watching)).answering(Texts.APPROVE)) {
            f.recorder.awaitTerminal(f.inject("web_5xx"), EngineFixture.WAIT);
        }
        assertThat(turns).isNotEmpty().allMatch(n -> n.startsWith("opsdeck-turn-"));
    }
}
