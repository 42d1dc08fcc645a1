package dev.opsdeck.engine.reasoning.openai;

import static dev.opsdeck.engine.reasoning.gemini.GeminiFlowTest.packet;
import static dev.opsdeck.engine.reasoning.gemini.GeminiFlowTest.reasoned;
import static dev.opsdeck.engine.reasoning.gemini.GeminiFlowTest.shape;
import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.EngineConfig;
import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.agent.ToolSpec;
import dev.opsdeck.engine.reasoning.chat.ChatReasoner;
import dev.opsdeck.engine.reasoning.chat.ChatSettings;
import dev.opsdeck.engine.reasoning.chat.Instructions;
import dev.opsdeck.engine.reasoning.gemini.EngineRun;
import dev.opsdeck.engine.reasoning.gemini.StubScript;
import dev.opsdeck.engine.reasoning.openai.StubOpenAi.Answer;
import dev.opsdeck.engine.ticket.Status;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Envelope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole incidents reasoned through the real {@code openai-java} SDK against a stand-in OpenAI-compatible server at
 * our own port: the flows the Gemini adapter passes (GeminiFlowTest), plus what is particular to this API (tool-call
 * ids, arguments as a JSON string that may not parse, Retry-After).
 */
class OpenAiFlowTest {

    static final Duration WITHIN = Duration.ofSeconds(30);
    static final String MODEL = "qwen2.5";
    static final String BACKEND = "openai · " + MODEL;

    @TempDir
    Path dir;

    StubOpenAi stub;
    ChatReasoner reasoner;

    @BeforeEach
    void startStub() {
        stub = StubOpenAi.start();
        reasoner = OpenAiChat.reasoner(settings());
    }

    @AfterEach
    void stopStub() {
        reasoner.close();
        stub.close();
    }

    /** Short timeouts and back-offs: the policy is the same, only faster. */
    ChatSettings settings() {
        return ChatSettings.defaults("sk-test", MODEL).withBaseUrl(stub.baseUrl()).withTimeout(Duration.ofSeconds(5))
                .withAttempts(2).withBackoff(Duration.ofMillis(10), Duration.ofMillis(100));
    }

    void use(ChatSettings s) {
        reasoner.close();
        reasoner = OpenAiChat.reasoner(s);
    }

    EngineRun run() {
        return new EngineRun(EngineConfig.defaults(dir.resolve("openai")).withReasoner(reasoner));
    }

    @Test
    void aFullFlow_throughDiagnosisAndRemediation_hasTheOfflineFlowsShape() throws Exception {
        List<String> offline;
        try (EngineRun run = new EngineRun(EngineConfig.defaults(dir.resolve("offline")))) {
            String id = run.inject("web_5xx");
            run.awaitTerminal(id, WITHIN);
            offline = shape(run.envelopes(id));
        }
        try (EngineRun run = run()) {
            String id = run.inject("web_5xx");
            Ticket t = run.awaitTerminal(id, WITHIN);
            List<Envelope> envs = run.envelopes(id);

            assertThat(shape(envs)).isEqualTo(offline);
            assertThat(run.errors()).isEmpty();
            assertThat(envs).filteredOn(e -> reasoned(e)).extracting(Envelope::backend).containsOnly(BACKEND);
            assertThat(envs).filteredOn(e -> e.sender().equals("Resolver")).singleElement()
                    .extracting(Envelope::tool).isEqualTo("close_ticket");
            assertThat(t.status()).isEqualTo(Status.RESOLVED);
            int calls = stub.requests().size();
            assertThat(t.usage().modelTurns()).isEqualTo((int) envs.stream().filter(e -> reasoned(e)).count());
            assertThat(t.usage().promptTokens()).isEqualTo((long) calls * StubScript.PROMPT_TOKENS);
            assertThat(t.usage().outputTokens()).isEqualTo((long) calls * StubScript.OUTPUT_TOKENS);
        }
        // A specialist's probe results went back as tool messages answering the ids the server gave.
        StubOpenAi.Request second = stub.requestsOf(Agent.WEB).get(1);
        assertThat(second.toolMessages()).hasSize(2).allSatisfy(m -> assertThat(m).startsWith("web-edge-01"));
        assertThat(second.body().path("messages").findValues("tool_call_id")).extracting(n -> n.asText())
                .allSatisfy(id -> assertThat(id).startsWith("call_"));
    }

    @Test
    void everyRequest_carriesOnlyItsAgentsTools_itsInstruction_theModelAndTheKey() throws Exception {
        try (EngineRun run = run()) {
            run.awaitTerminal(run.inject("web_5xx"), WITHIN);
        }
        assertThat(stub.requests()).isNotEmpty();
        for (StubOpenAi.Request r : stub.requests()) {
            Set<String> own = r.agent().tools().stream().map(ToolSpec::name).collect(Collectors.toSet());
            assertThat(r.call().tools()).as(r.agent() + "'s declared tools").isEqualTo(own);
            assertThat(r.call().systemInstruction()).isEqualTo(Instructions.of(r.agent()));
            assertThat(r.call().model()).isEqualTo(MODEL);
            assertThat(r.authorization()).isEqualTo("Bearer sk-test");
        }
        // Enumerations reach the server as JSON Schema enums: the model is offered exactly what the engine accepts.
        StubOpenAi.Request triage = stub.requestsOf(Agent.TRIAGE).get(0);
        assertThat(triage.body().path("tools").findValues("specialists")).hasSize(1).first()
                .extracting(n -> n.path("items").path("enum").toString()).isEqualTo("[\"network\",\"storage\",\"web\"]");
    }

    @Test
    void theSameIncidentTwice_isClosedAsADuplicateByTheModel() throws Exception {
        try (EngineRun run = run()) {
            String first = run.inject("web_5xx");
            run.awaitTerminal(first, WITHIN);
            Ticket dup = run.awaitTerminal(run.inject("web_5xx"), WITHIN);

            assertThat(dup.status()).isEqualTo(Status.DUPLICATE);
            assertThat(dup.parent()).isEqualTo(first);
        }
    }

    @Test
    void a429WithRetryAfter_waitsAsTheServerAsked_thenSucceedsWithoutFallingBack() throws Exception {
        use(settings().withBackoff(Duration.ofMillis(10), Duration.ofSeconds(5)));
        stub.behave((r, happy) -> r.agent() == Agent.TRIAGE && r.call().nthOfAgent() == 1
                ? Answer.error(429, "rate_limit_exceeded", "Rate limit reached").withHeader("Retry-After", "1")
                : happy);
        try (EngineRun run = run()) {
            String id = run.inject("web_5xx");
            run.awaitTerminal(id, WITHIN);

            List<StubOpenAi.Request> triage = stub.requestsOf(Agent.TRIAGE);
            assertThat(triage).hasSize(2);
            long waitedMs = (triage.get(1).call().startNanos() - triage.get(0).call().endNanos()) / 1_000_000;
            assertThat(waitedMs).as("the retry waited the second the server asked for").isGreaterThanOrEqualTo(950);
            assertThat(packet(run, id, "Triage").backend()).isEqualTo(BACKEND);
            assertThat(run.errors()).isEmpty();
        }
    }

    @Test
    void a500EveryTime_fallsBackToTheRules_saysItInTheEnvelope_andTheTicketStillEnds() throws Exception {
        stub.behave((r, happy) -> Answer.error(500, "server_error", "The server had an error"));
        try (EngineRun run = run()) {
            String id = run.inject("web_5xx");
            Ticket t = run.awaitTerminal(id, WITHIN);

            assertThat(t.status().terminal()).isTrue();
            List<Envelope> packets = run.envelopes(id).stream().filter(e -> reasoned(e)).toList();
            assertThat(packets).isNotEmpty().allSatisfy(e -> {
                assertThat(e.backend()).isEqualTo("rules (fallback)");
                assertThat(e.body()).endsWith("(rules fallback: model call failed after 2 attempt(s): 500 The server had an error)");
            });
            assertThat(stub.requestsOf(Agent.INTAKE_LOOKUP)).hasSize(2);
            assertThat(run.errors()).hasSize(packets.size());
        }
    }

    @Test
    void argumentsThatAreNotJson_areToldToTheModel_andItsCorrectionIsTaken() throws Exception {
        stub.behave((r, happy) -> r.agent() == Agent.TRIAGE && !r.call().toldOfError()
                ? Answer.ok(stub.rawToolCall("assign_specialists", "{\"specialists\": [\"web\"", MODEL))
                : happy);
        try (EngineRun run = run()) {
            String id = run.inject("web_5xx");
            run.awaitTerminal(id, WITHIN);

            List<StubOpenAi.Request> triage = stub.requestsOf(Agent.TRIAGE);
            assertThat(triage).hasSize(2);
            assertThat(triage.get(1).toolMessages()).singleElement().asString()
                    .startsWith("Error: the arguments of 'assign_specialists' could not be read: not a JSON object");
            Envelope posted = packet(run, id, "Triage");
            assertThat(posted.backend()).isEqualTo(BACKEND);
            assertThat(posted.toolArgs().get("specialists")).isEqualTo(List.of("network", "storage", "web"));
            assertThat(run.errors()).isEmpty();
        }
    }

    @Test
    void anUnknownToolTwice_fallsBackAndSaysWhy() throws Exception {
        stub.behave((r, happy) -> r.agent() == Agent.TRIAGE
                ? Answer.ok(stub.rawToolCall("restart_everything", "{}", MODEL)) : happy);
        try (EngineRun run = run()) {
            String id = run.inject("web_5xx");
            Ticket t = run.awaitTerminal(id, WITHIN);

            assertThat(stub.requestsOf(Agent.TRIAGE)).hasSize(2);
            Envelope posted = packet(run, id, "Triage");
            assertThat(posted.backend()).isEqualTo("rules (fallback)");
            assertThat(posted.tool()).isEqualTo("assign_specialists");
            assertThat(posted.body()).contains("(rules fallback: Triage has no tool 'restart_everything'");
            assertThat(run.errors()).singleElement().asString().contains("restart_everything");
            assertThat(t.status()).isEqualTo(Status.RESOLVED);
        }
    }

    @Test
    void anEmptyAnswer_isToldOnce_thenTheRulesTakeTheTurn() throws Exception {
        stub.behave((r, happy) -> r.agent() == Agent.INTAKE_DECIDE
                ? Answer.ok(stub.completion(dev.opsdeck.engine.reasoning.gemini.StubGemini.JSON.createObjectNode(), MODEL))
                : happy);
        try (EngineRun run = run()) {
            String id = run.inject("web_5xx");
            run.awaitTerminal(id, WITHIN);

            assertThat(stub.requestsOf(Agent.INTAKE_DECIDE)).hasSize(2);
            assertThat(stub.requestsOf(Agent.INTAKE_DECIDE).get(1).call().texts())
                    .contains("Error: model returned an empty response");
            assertThat(packet(run, id, "IntakeDecide").body()).endsWith("(rules fallback: model returned an empty response)");
        }
    }

    @Test
    void aBodyThatIsNoJson_isAnUnreadableAnswer_andTheRulesTakeTheTurnAtOnce() throws Exception {
        stub.behave((r, happy) -> r.agent() == Agent.RCA
                ? new Answer(200, "<html>Bad gateway</html>", Map.of(), Duration.ZERO) : happy);
        try (EngineRun run = run()) {
            String id = run.inject("web_5xx");
            Ticket t = run.awaitTerminal(id, WITHIN);

            assertThat(stub.requestsOf(Agent.RCA)).hasSize(1);
            Envelope rca = packet(run, id, "RCA");
            assertThat(rca.backend()).isEqualTo("rules (fallback)");
            assertThat(rca.body()).contains("(rules fallback: model answer unreadable: ");
            assertThat(t.status().terminal()).isTrue();
        }
    }

    @Test
    void aCallThatTimesOut_isRetried_andOneThatAlwaysDoes_fallsBack() throws Exception {
        use(settings().withTimeout(Duration.ofMillis(300)));
        Duration slow = Duration.ofSeconds(3);
        stub.behave((r, happy) -> (r.agent() == Agent.NETWORK && r.call().nthOfAgent() == 1)
                || r.agent() == Agent.RCA ? happy.after(slow) : happy);
        try (EngineRun run = run()) {
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
    void anAgentWithItsOwnModel_isAskedOnThatModel_andItsTurnsSaySo() throws Exception {
        use(settings().withAgentModels(Map.of("RCA", "llama3.1:70b")));
        try (EngineRun run = run()) {
            String id = run.inject("web_5xx");
            run.awaitTerminal(id, WITHIN);
            assertThat(packet(run, id, "RCA").backend()).isEqualTo("openai · llama3.1:70b");
        }
        assertThat(stub.requestsOf(Agent.RCA)).extracting(r -> r.call().model()).containsOnly("llama3.1:70b");
        assertThat(stub.requestsOf(Agent.TRIAGE)).extracting(r -> r.call().model()).containsOnly(MODEL);
    }

    @Test
    void probesWithoutEnd_stopAtThePerTurnCap_eachResultAnsweringItsCall() throws Exception {
        use(settings().withMaxCallsPerTurn(3));
        stub.behave((r, happy) -> r.agent() == Agent.NETWORK
                ? Answer.ok(stub.rawToolCall("ping_host", "{\"host\":\"web-edge-01\"}", MODEL)) : happy);
        try (EngineRun run = run()) {
            String id = run.inject("web_5xx");
            run.awaitTerminal(id, WITHIN);

            assertThat(stub.requestsOf(Agent.NETWORK)).hasSize(3);
            assertThat(stub.requestsOf(Agent.NETWORK).get(2).toolMessages()).hasSize(2)
                    .allSatisfy(m -> assertThat(m).startsWith("web-edge-01: "));
            assertThat(packet(run, id, "Network").body())
                    .endsWith("(rules fallback: model returned no routing call within 3 model call(s))");
        }
    }

    @Test
    void aTokenCap_sendsTheTicketsRemainingTurnsToTheRules() throws Exception {
        long cap = 5L * (StubScript.PROMPT_TOKENS + StubScript.OUTPUT_TOKENS);
        try (EngineRun run = new EngineRun(EngineConfig.defaults(dir).withReasoner(reasoner).withTokenCap(cap))) {
            String id = run.inject("web_5xx");
            Ticket t = run.awaitTerminal(id, WITHIN);

            List<String> backends = run.envelopes(id).stream().filter(Envelope::isPacket).map(Envelope::backend).toList();
            assertThat(backends.get(0)).isEqualTo(BACKEND);
            assertThat(backends.get(backends.size() - 1)).isEqualTo("rules (token cap)");
            assertThat(stub.requestsOf(Agent.RESOLVER)).isEmpty();
            assertThat(t.usage().total()).isGreaterThanOrEqualTo(cap);
        }
    }
}
