package dev.opsdeck.engine.reasoning.gemini;

import dev.opsdeck.engine.reasoning.chat.ChatReasoner;
import dev.opsdeck.engine.reasoning.chat.ChatSettings;
import static dev.opsdeck.engine.reasoning.gemini.StubScript.fc;
import static dev.opsdeck.engine.reasoning.gemini.StubScript.reply;
import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.EngineConfig;
import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.agent.ToolSpec;
import dev.opsdeck.engine.reasoning.gemini.StubGemini.Answer;
import dev.opsdeck.engine.ticket.Status;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Envelope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole incidents reasoned by Gemini through the real SDK, against the local stub server. */
public class GeminiFlowTest {

    static final Duration WITHIN = Duration.ofSeconds(30);
    static final String BACKEND = "gemini · " + GeminiChat.DEFAULT_MODEL;

    @TempDir
    Path dir;

    StubGemini stub;
    ChatReasoner gemini;

    @BeforeEach
    void startStub() {
        stub = StubGemini.start();
        gemini = GeminiChat.reasoner(settings());
    }

    @AfterEach
    void stopStub() {
        gemini.close();
        stub.close();
    }

    /** Short timeouts and back-offs: the policy is the same, only faster. */
    ChatSettings settings() {
        return GeminiChat.defaults("test-key").withBaseUrl(stub.baseUrl()).withTimeout(Duration.ofSeconds(5))
                .withAttempts(2).withBackoff(Duration.ofMillis(10), Duration.ofMillis(100));
    }

    EngineRun gemini() {
        return new EngineRun(EngineConfig.defaults(dir.resolve("gemini")).withReasoner(gemini));
    }

    @Test
    void aFullFlow_reasonedByGemini_hasTheOfflineFlowsShape() throws Exception {
        List<String> offline;
        try (EngineRun run = new EngineRun(EngineConfig.defaults(dir.resolve("offline")))) {
            String id = run.inject("web_5xx");
            run.awaitTerminal(id, WITHIN);
            offline = shape(run.envelopes(id));
        }
        try (EngineRun run = gemini()) {
            String id = run.inject("web_5xx");
            Ticket t = run.awaitTerminal(id, WITHIN);
            List<Envelope> envs = run.envelopes(id);

            assertThat(shape(envs)).isEqualTo(offline);
            assertThat(run.errors()).isEmpty();
            assertThat(envs).filteredOn(GeminiFlowTest::reasoned).extracting(Envelope::backend).containsOnly(BACKEND);
            assertThat(envs).filteredOn(e -> e.sender().equals("Runner")).extracting(Envelope::backend)
                    .containsOnly("runner");
            assertThat(t.status()).isEqualTo(Status.RESOLVED);
            int modelTurns = (int) envs.stream().filter(GeminiFlowTest::reasoned).count();
            int calls = stub.calls().size();
            assertThat(t.usage().modelTurns()).isEqualTo(modelTurns);
            assertThat(t.usage().promptTokens()).isEqualTo((long) calls * StubScript.PROMPT_TOKENS);
            assertThat(t.usage().outputTokens()).isEqualTo((long) calls * StubScript.OUTPUT_TOKENS);
        }
    }

    /** A post a reasoner made: the runner's are the engine's own. */
    public static boolean reasoned(Envelope e) {
        return e.isPacket() && !e.sender().equals("Runner");
    }

    @Test
    void everyRequest_carriesOnlyItsAgentsToolsAndSystemInstruction() throws Exception {
        try (EngineRun run = gemini()) {
            run.awaitTerminal(run.inject("web_5xx"), WITHIN);
        }
        assertThat(stub.calls()).isNotEmpty();
        Set<Agent> seen = stub.calls().stream().map(StubGemini.Call::agent).collect(Collectors.toSet());
        assertThat(seen).doesNotContainNull().contains(Agent.INTAKE_LOOKUP, Agent.TRIAGE, Agent.WEB, Agent.RESOLVER);
        for (StubGemini.Call call : stub.calls()) {
            Set<String> own = call.agent().tools().stream().map(ToolSpec::name).collect(Collectors.toSet());
            assertThat(call.tools()).as(call.agent() + "'s declared tools").isEqualTo(own);
            assertThat(call.systemInstruction()).as(call.agent() + "'s system instruction")
                    .isEqualTo(dev.opsdeck.engine.reasoning.chat.Instructions.of(call.agent())).startsWith("You are " + call.agent().displayName() + ",");
        }
        // IntakeLookup can only look up: the structural split of the original.
        assertThat(stub.callsOf(Agent.INTAKE_LOOKUP)).allSatisfy(c -> assertThat(c.tools())
                .containsExactly("list_recent_tickets"));
    }

    @Test
    void anAgentWithItsOwnModel_isAskedOnThatModel_andItsTurnsSaySo() throws Exception {
        gemini.close();
        gemini = GeminiChat.reasoner(settings().withAgentModels(java.util.Map.of("RCA", "gemini-2.5-pro")));
        try (EngineRun run = gemini()) {
            String id = run.inject("web_5xx");
            run.awaitTerminal(id, WITHIN);
            assertThat(run.envelopes(id)).filteredOn(e -> e.sender().equals("RCA")).extracting(Envelope::backend)
                    .containsExactly("gemini · gemini-2.5-pro");
        }
        assertThat(stub.callsOf(Agent.RCA)).extracting(StubGemini.Call::model).containsOnly("gemini-2.5-pro");
        assertThat(stub.callsOf(Agent.TRIAGE)).extracting(StubGemini.Call::model).containsOnly(GeminiChat.DEFAULT_MODEL);
    }

    @Test
    void theSameIncidentTwice_isClosedAsADuplicateByTheModel() throws Exception {
        try (EngineRun run = gemini()) {
            String first = run.inject("web_5xx");
            run.awaitTerminal(first, WITHIN);
            String second = run.inject("web_5xx");
            Ticket dup = run.awaitTerminal(second, WITHIN);

            assertThat(dup.status()).isEqualTo(Status.DUPLICATE);
            assertThat(dup.parent()).isEqualTo(first);
            assertThat(shape(run.envelopes(second))).containsExactly("TicketBot:text",
                    "IntakeLookup:list_recent_tickets", "IntakeDecide:mark_as_duplicate");
            assertThat(run.envelopes(second)).filteredOn(Envelope::isPacket).extracting(Envelope::backend)
                    .containsOnly(BACKEND);
            assertThat(run.errors()).isEmpty();
        }
    }

    @Test
    void a429ThenSuccess_isRetriedWithoutFallingBack() throws Exception {
        stub.behave((call, script) -> call.agent() == Agent.TRIAGE && call.nthOfAgent() == 1
                ? Answer.error(429, "RESOURCE_EXHAUSTED", "Quota exceeded. Please retry in 0.05s.")
                : Answer.ok(script.answer(call)));
        try (EngineRun run = gemini()) {
            String id = run.inject("web_5xx");
            run.awaitTerminal(id, WITHIN);

            assertThat(stub.callsOf(Agent.TRIAGE)).hasSize(2);
            assertThat(packet(run, id, "Triage").backend()).isEqualTo(BACKEND);
            assertThat(run.errors()).isEmpty();
        }
    }

    @Test
    void a5xxEveryTime_fallsBackToTheRules_andTheTicketStillEnds() throws Exception {
        stub.behave((call, script) -> Answer.error(503, "UNAVAILABLE", "The model is overloaded."));
        try (EngineRun run = gemini()) {
            String id = run.inject("web_5xx");
            Ticket t = run.awaitTerminal(id, WITHIN);

            assertThat(t.status().terminal()).isTrue();
            List<Envelope> packets = run.envelopes(id).stream().filter(GeminiFlowTest::reasoned).toList();
            assertThat(packets).isNotEmpty().allSatisfy(e -> {
                assertThat(e.backend()).isEqualTo("rules (fallback)");
                assertThat(e.body()).endsWith("(rules fallback: model call failed after 2 attempt(s): 503 UNAVAILABLE)");
            });
            assertThat(stub.callsOf(Agent.INTAKE_LOOKUP)).hasSize(2);
            assertThat(run.errors()).hasSize(packets.size()).allSatisfy(e -> assertThat(e).contains("503"));
        }
    }

    @Test
    void aMalformedArgument_isCorrectedOnTheSecondAsk() throws Exception {
        stub.behave((call, script) -> call.agent() == Agent.TRIAGE && !call.toldOfError()
                ? Answer.ok(reply("Assigning.", fc("assign_specialists", "specialists", List.of("database"),
                        "reason", "guess")))
                : Answer.ok(script.answer(call)));
        try (EngineRun run = gemini()) {
            String id = run.inject("web_5xx");
            run.awaitTerminal(id, WITHIN);

            List<StubGemini.Call> triage = stub.callsOf(Agent.TRIAGE);
            assertThat(triage).hasSize(2);
            assertThat(triage.get(1).body().toString()).contains("unknown nickname 'database'");
            Envelope posted = packet(run, id, "Triage");
            assertThat(posted.backend()).isEqualTo(BACKEND);
            assertThat(posted.toolArgs().get("specialists")).isEqualTo(List.of("network", "storage", "web"));
            assertThat(run.errors()).isEmpty();
        }
    }

    @Test
    void anUndeclaredToolTwice_fallsBackAndSaysWhy() throws Exception {
        stub.behave((call, script) -> call.agent() == Agent.TRIAGE
                ? Answer.ok(reply(null, fc("ping_host", "host", "web-edge-01")))
                : Answer.ok(script.answer(call)));
        try (EngineRun run = gemini()) {
            String id = run.inject("web_5xx");
            Ticket t = run.awaitTerminal(id, WITHIN);

            assertThat(stub.callsOf(Agent.TRIAGE)).hasSize(2);
            Envelope posted = packet(run, id, "Triage");
            assertThat(posted.backend()).isEqualTo("rules (fallback)");
            assertThat(posted.tool()).isEqualTo("assign_specialists");
            assertThat(posted.body()).contains("(rules fallback: Triage has no tool 'ping_host'");
            assertThat(run.errors()).singleElement().asString().contains("Triage").contains("ping_host");
            assertThat(t.status()).isEqualTo(Status.RESOLVED);
        }
    }

    @Test
    void anEmptyAnswer_isToldOnce_thenTheRulesTakeTheTurn() throws Exception {
        stub.behave((call, script) -> call.agent() == Agent.INTAKE_DECIDE
                ? Answer.ok(StubGemini.JSON.createObjectNode())
                : Answer.ok(script.answer(call)));
        try (EngineRun run = gemini()) {
            String id = run.inject("web_5xx");
            run.awaitTerminal(id, WITHIN);

            assertThat(stub.callsOf(Agent.INTAKE_DECIDE)).hasSize(2);
            assertThat(stub.callsOf(Agent.INTAKE_DECIDE).get(1).texts()).contains("Error: model returned an empty response");
            Envelope posted = packet(run, id, "IntakeDecide");
            assertThat(posted.tool()).isEqualTo("proceed_to_triage");
            assertThat(posted.body()).endsWith("(rules fallback: model returned an empty response)");
        }
    }

    @Test
    void aTextOnlyAnswer_isToldOnce_thenFallsBackWithNoRoutingCall() throws Exception {
        stub.behave((call, script) -> call.agent() == Agent.RESOLVER
                ? Answer.ok(reply("I think the ticket is resolved."))
                : Answer.ok(script.answer(call)));
        try (EngineRun run = gemini()) {
            String id = run.inject("web_5xx");
            Ticket t = run.awaitTerminal(id, WITHIN);

            assertThat(stub.callsOf(Agent.RESOLVER)).hasSize(2);
            Envelope posted = packet(run, id, "Resolver");
            assertThat(posted.tool()).isEqualTo("close_ticket");
            assertThat(posted.body()).endsWith("(rules fallback: model returned no routing call)");
            assertThat(t.status().terminal()).isTrue();
        }
    }

    @Test
    void probesWithoutEnd_stopAtThePerTurnCap() throws Exception {
        gemini.close();
        gemini = GeminiChat.reasoner(settings().withMaxCallsPerTurn(3));
        stub.behave((call, script) -> call.agent() == Agent.NETWORK
                ? Answer.ok(reply(null, fc("ping_host", "host", "web-edge-01")))
                : Answer.ok(script.answer(call)));
        try (EngineRun run = gemini()) {
            String id = run.inject("web_5xx");
            run.awaitTerminal(id, WITHIN);

            assertThat(stub.callsOf(Agent.NETWORK)).hasSize(3);
            // Each probe's result went back to the model before it was asked again.
            assertThat(stub.callsOf(Agent.NETWORK).get(2).functionResults()).hasSize(2)
                    .allSatisfy(r -> assertThat(r).startsWith("web-edge-01: "));
            assertThat(packet(run, id, "Network").body())
                    .endsWith("(rules fallback: model returned no routing call within 3 model call(s))");
        }
    }

    @Test
    void aCallThatTimesOut_isRetried_andOneThatAlwaysDoes_fallsBack() throws Exception {
        gemini.close();
        gemini = GeminiChat.reasoner(settings().withTimeout(Duration.ofMillis(300)));
        Duration slow = Duration.ofSeconds(3);
        stub.behave((call, script) -> {
            Answer ok = Answer.ok(script.answer(call));
            if (call.agent() == Agent.NETWORK && call.nthOfAgent() == 1) {
                return ok.after(slow);
            }
            return call.agent() == Agent.RCA ? ok.after(slow) : ok;
        });
        try (EngineRun run = gemini()) {
            String id = run.inject("web_5xx");
            Ticket t = run.awaitTerminal(id, WITHIN);

            assertThat(packet(run, id, "Network").backend()).isEqualTo(BACKEND);
            Envelope rca = packet(run, id, "RCA");
            assertThat(rca.backend()).isEqualTo("rules (fallback)");
            assertThat(rca.body()).contains("(rules fallback: model call timed out after 300 ms (2 attempt(s)))");
            assertThat(run.errors()).singleElement().asString().contains("RCA");
            assertThat(t.status().terminal()).isTrue();
        }
    }

    @Test
    void aTokenCap_sendsTheTicketsRemainingTurnsToTheRules() throws Exception {
        long cap = 5L * (StubScript.PROMPT_TOKENS + StubScript.OUTPUT_TOKENS);
        try (EngineRun run = new EngineRun(EngineConfig.defaults(dir).withReasoner(gemini).withTokenCap(cap))) {
            String id = run.inject("web_5xx");
            Ticket t = run.awaitTerminal(id, WITHIN);

            assertThat(t.status().terminal()).isTrue();
            List<String> backends = run.envelopes(id).stream().filter(Envelope::isPacket).map(Envelope::backend).toList();
            assertThat(backends.get(0)).isEqualTo(BACKEND);
            assertThat(backends.get(backends.size() - 1)).isEqualTo("rules (token cap)");
            assertThat(stub.callsOf(Agent.RESOLVER)).isEmpty();
            assertThat(t.usage().total()).isGreaterThanOrEqualTo(cap);
            assertThat(run.errors()).isEmpty();
        }
    }

    public static Envelope packet(EngineRun run, String ticketId, String sender) {
        return run.envelopes(ticketId).stream().filter(e -> e.sender().equals(sender)).findFirst()
                .orElseThrow(() -> new AssertionError("no post from " + sender));
    }

    /**
     * {@code sender:tool} per envelope ({@code sender:text} for texts), with each parallel band's posts sorted:
     * members answer in whatever order they finish, so only the set within a band is the contract.
     */
    public static List<String> shape(List<Envelope> envelopes) {
        List<String> out = new ArrayList<>();
        List<String> band = new ArrayList<>();
        for (Envelope e : envelopes) {
            String s = e.sender() + ":" + (e.isPacket() ? e.tool() : "text");
            boolean member = "submit_findings".equals(e.tool()) || "submit_fix".equals(e.tool())
                    || e.sender().equals(Agent.HUMAN.displayName());
            if (member) {
                band.add(s);
                continue;
            }
            band.sort(null);
            out.addAll(band);
            band.clear();
            out.add(s);
        }
        band.sort(null);
        out.addAll(band);
        return out;
    }
}
