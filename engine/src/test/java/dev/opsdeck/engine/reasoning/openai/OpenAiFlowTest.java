package dev.opsdeck.engine.reasoning.openai;

import static dev.opsdeck.engine.reasoning.gemini.StubGemini.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.reasoning.chat.ChatFlowContract;
import dev.opsdeck.engine.reasoning.chat.ChatReasoner;
import dev.opsdeck.engine.reasoning.chat.ChatSettings;
import dev.opsdeck.engine.reasoning.gemini.EngineRun;
import dev.opsdeck.engine.reasoning.gemini.StubGemini.Call;
import dev.opsdeck.engine.reasoning.gemini.StubScript;
import dev.opsdeck.engine.reasoning.openai.StubOpenAi.Answer;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Envelope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Whole incidents reasoned through the real {@code openai-java} SDK against a stand-in OpenAI-compatible server at
 * our own port: the chat flow contract every adapter passes, plus what is particular to this API (the key in a
 * header, enums as JSON Schema, tool-call ids, arguments as a JSON string that may not parse, Retry-After).
 */
class OpenAiFlowTest extends ChatFlowContract {

    static final String MODEL = "qwen2.5";

    private StubOpenAi stub;

    @Override
    protected void startStub() {
        stub = StubOpenAi.start();
    }

    @Override
    protected void stopStub() {
        stub.close();
    }

    @Override
    protected ChatReasoner reasoner(ChatSettings settings) {
        return OpenAiChat.reasoner(settings);
    }

    @Override
    protected ChatSettings defaults() {
        return ChatSettings.defaults("sk-test", MODEL).withBaseUrl(stub.baseUrl());
    }

    @Override
    protected String label() {
        return "openai";
    }

    @Override
    protected String model() {
        return MODEL;
    }

    @Override
    protected String otherModel() {
        return "llama3.1:70b";
    }

    @Override
    protected String serverErrorSaid() {
        return "500 The server had an error";
    }

    @Override
    protected List<Call> calls() {
        return stub.requests().stream().map(StubOpenAi.Request::call).toList();
    }

    @Override
    protected void answer(Predicate<Call> when, Fault fault) {
        stub.behave((r, happy) -> when.test(r.call()) ? wire(fault, happy) : happy);
    }

    private Answer wire(Fault fault, Answer happy) {
        if (fault instanceof Fault.ToolCall t) {
            try {
                return Answer.ok(stub.rawToolCall(t.name(), JSON.writeValueAsString(t.args()), MODEL));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(e);
            }
        }
        if (fault instanceof Fault.Empty) {
            return Answer.ok(stub.completion(JSON.createObjectNode(), MODEL));
        }
        if (fault instanceof Fault.TextOnly t) {
            return Answer.ok(stub.completion(StubScript.reply(t.text()), MODEL));
        }
        if (fault instanceof Fault.RateLimited) {
            return Answer.error(429, "rate_limit_exceeded", "Rate limit reached");
        }
        if (fault instanceof Fault.ServerError) {
            return Answer.error(500, "server_error", "The server had an error");
        }
        return happy.after(((Fault.Slow) fault).delay());
    }

    @Test
    void theWire_carriesTheKey_enumsAsSchemaEnums_andProbeResultsAnsweringTheServersIds() throws Exception {
        try (EngineRun run = run()) {
            run.awaitTerminal(run.inject("web_5xx"), WITHIN);
        }
        assertThat(stub.requests()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer sk-test"));
        // Enumerations reach the server as JSON Schema enums: the model is offered exactly what the engine accepts.
        StubOpenAi.Request triage = stub.requestsOf(Agent.TRIAGE).get(0);
        assertThat(triage.body().path("tools").findValues("specialists")).hasSize(1).first()
                .extracting(n -> n.path("items").path("enum").toString()).isEqualTo("[\"network\",\"storage\",\"web\"]");
        // A specialist's probe results went back as tool messages answering the ids the server gave.
        StubOpenAi.Request second = stub.requestsOf(Agent.WEB).get(1);
        assertThat(second.toolMessages()).hasSize(2).allSatisfy(m -> assertThat(m).startsWith("web-edge-01"));
        assertThat(second.body().path("messages").findValues("tool_call_id")).extracting(n -> n.asText())
                .allSatisfy(id -> assertThat(id).startsWith("call_"));
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
            assertThat(packet(run, id, "Triage").backend()).isEqualTo(backend());
            assertThat(run.errors()).isEmpty();
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
            assertThat(posted.backend()).isEqualTo(backend());
            assertThat(posted.toolArgs().get("specialists")).isEqualTo(List.of("network", "storage", "web"));
            assertThat(run.errors()).isEmpty();
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
}
