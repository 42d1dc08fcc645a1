package dev.opsdeck.engine.reasoning.openai;

import static dev.opsdeck.engine.reasoning.chat.ChatFlowContract.packet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opsdeck.engine.EngineConfig;
import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.reasoning.chat.ChatReasoner;
import dev.opsdeck.engine.reasoning.chat.ChatSettings;
import dev.opsdeck.engine.reasoning.gemini.EngineRun;
import dev.opsdeck.engine.reasoning.openai.StubOpenAi.Answer;
import dev.opsdeck.engine.workflow.Envelope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What servers other than OpenAI's own send differently, and the adapter still takes: tool-call arguments as a JSON
 * object rather than a string holding one, tool calls without ids, a reasoning model's {@code <think>} block in the
 * content, no usage at all. Each is the Triage's answer of an otherwise ordinary ticket.
 */
class OpenAiServerVariantsTest {

    static final Duration WITHIN = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    StubOpenAi stub;
    ChatReasoner reasoner;

    @BeforeEach
    void start() {
        stub = StubOpenAi.start();
        reasoner = OpenAiChat.reasoner(ChatSettings.defaults(null, "local").withBaseUrl(stub.baseUrl())
                .withTimeout(Duration.ofSeconds(5)).withAttempts(2)
                .withBackoff(Duration.ofMillis(10), Duration.ofMillis(100)));
    }

    @AfterEach
    void stop() {
        reasoner.close();
        stub.close();
    }

    /** Runs web_5xx with Triage answering {@code variant} (made from the happy answer); returns Triage's post. */
    Envelope triageAnswering(java.util.function.UnaryOperator<ObjectNode> variant) throws Exception {
        stub.behave((r, happy) -> {
            if (r.agent() != Agent.TRIAGE) {
                return happy;
            }
            try {
                ObjectNode body = (ObjectNode) dev.opsdeck.engine.reasoning.gemini.StubGemini.JSON.readTree(happy.body());
                return Answer.ok(variant.apply(body));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try (EngineRun run = new EngineRun(EngineConfig.defaults(dir).withReasoner(reasoner))) {
            String id = run.inject("web_5xx");
            run.awaitTerminal(id, WITHIN);
            assertThat(run.errors()).isEmpty();
            return packet(run, id, "Triage");
        }
    }

    static ObjectNode call(ObjectNode body) {
        return (ObjectNode) body.path("choices").path(0).path("message").path("tool_calls").path(0);
    }

    @Test
    void argumentsSentAsAnObject_areTakenAsTheyAre() throws Exception {
        Envelope triage = triageAnswering(body -> {
            ObjectNode f = (ObjectNode) call(body).path("function");
            try {
                f.set("arguments", dev.opsdeck.engine.reasoning.gemini.StubGemini.JSON.readTree(f.path("arguments").asText()));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return body;
        });
        assertThat(triage.backend()).isEqualTo("openai · local");
        assertThat(triage.toolArgs().get("specialists")).isEqualTo(List.of("network", "storage", "web"));
    }

    @Test
    void toolCallsWithoutIds_areAnsweredUnderIdsOfOurOwn_thatTheEchoedCallsCarryToo() throws Exception {
        stub.behave((r, happy) -> {
            if (r.agent() != Agent.WEB || r.call().step() != 0) {
                return happy;
            }
            try {
                ObjectNode body = (ObjectNode) dev.opsdeck.engine.reasoning.gemini.StubGemini.JSON.readTree(happy.body());
                body.path("choices").path(0).path("message").path("tool_calls")
                        .forEach(tc -> ((ObjectNode) tc).remove("id"));
                body.remove("usage");
                return Answer.ok(body);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try (EngineRun run = new EngineRun(EngineConfig.defaults(dir).withReasoner(reasoner))) {
            String id = run.inject("web_5xx");
            run.awaitTerminal(id, WITHIN);
            assertThat(packet(run, id, "Web").backend()).isEqualTo("openai · local");
        }
        com.fasterxml.jackson.databind.JsonNode second = stub.requestsOf(Agent.WEB).get(1).body().path("messages");
        List<String> asked = second.findValues("tool_calls").stream()
                .flatMap(a -> java.util.stream.StreamSupport.stream(a.spliterator(), false))
                .map(tc -> tc.path("id").asText()).toList();
        List<String> answered = second.findValues("tool_call_id").stream().map(n -> n.asText()).toList();
        assertThat(asked).hasSize(2).doesNotContain("").isEqualTo(answered);
    }

    @Test
    void aReasoningModelsThinkBlock_staysOutOfTheEnvelope() throws Exception {
        Envelope triage = triageAnswering(body -> {
            ObjectNode message = (ObjectNode) body.path("choices").path(0).path("message");
            message.put("content", "<think>web 5xx, maybe storage; assign all three</think>\nAssigning all three.");
            return body;
        });
        assertThat(triage.backend()).isEqualTo("openai · local");
        assertThat(triage.body()).isEqualTo("Assigning all three.");
    }
}
