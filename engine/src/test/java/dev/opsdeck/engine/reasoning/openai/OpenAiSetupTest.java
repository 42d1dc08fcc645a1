package dev.opsdeck.engine.reasoning.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opsdeck.engine.EngineConfig;
import dev.opsdeck.engine.cli.DemoCommand;
import dev.opsdeck.engine.cli.ReasoningSetup;
import dev.opsdeck.engine.cli.ReasoningSetup.Options;
import dev.opsdeck.engine.reasoning.chat.ChatReasoner;
import dev.opsdeck.engine.reasoning.gemini.EngineRun;
import dev.opsdeck.engine.ticket.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** How {@code --llm}, {@code --llm-base-url}, {@code --model} and the keys choose an OpenAI-compatible server. */
class OpenAiSetupTest {

    @TempDir
    Path work;
    @TempDir
    Path data;

    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    StubOpenAi stub;

    @BeforeEach
    void startStub() {
        stub = StubOpenAi.start();
    }

    @AfterEach
    void stopStub() {
        stub.close();
    }

    static Options llm(String llm, String baseUrl, String model) {
        return new Options(llm, baseUrl, model, null, null, null, null, null, "gemini-2.5-flash");
    }

    EngineConfig apply(Options options, Map<String, String> env) {
        return ReasoningSetup.apply(EngineConfig.defaults(data), options, env, work, data,
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void theDemoCommand_withLlmOpenAi_runsAWholeTicketOnTheServer_andSaysWhichModelWhere() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream was = System.out;
        int code;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            code = new CommandLine(new DemoCommand()).execute("--data-dir", data.toString(), "--llm", "openai",
                    "--llm-base-url", stub.baseUrl(), "--model", "qwen2.5", "--decision", "approve");
        } finally {
            System.setOut(was);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(printed).isZero();
        String port = stub.baseUrl().replaceAll(".*:(\\d+)/v1", "$1");
        assertThat(printed).contains("reasoning: openai · qwen2.5 @ 127.0.0.1:" + port)
                .containsPattern("status +Resolved");
        assertThat(stub.requests()).isNotEmpty().allSatisfy(r -> assertThat(r.call().model()).isEqualTo("qwen2.5"));
    }

    @Test
    void aBaseUrlInTheVariables_choosesTheServer_evenWithAGeminiKey_andItsKeyIsReadFromTheDataDirsDotEnv()
            throws Exception {
        Files.writeString(data.resolve(".env"), "OPSDECK_LLM_API_KEY=from-dotenv\n");
        EngineConfig config = apply(llm(null, null, null), Map.of("OPSDECK_LLM_BASE_URL", stub.baseUrl(),
                "OPSDECK_MODEL", "llama3.1", "GEMINI_API_KEY", "g"));

        ChatReasoner r = (ChatReasoner) config.reasoner();
        assertThat(r.vendor()).isEqualTo("openai");
        assertThat(r.settings().model()).isEqualTo("llama3.1");
        try (EngineRun run = new EngineRun(config)) {
            assertThat(run.awaitTerminal(run.inject("web_5xx"), Duration.ofSeconds(30)).status())
                    .isEqualTo(Status.RESOLVED);
        }
        assertThat(stub.requests()).isNotEmpty()
                .allSatisfy(q -> assertThat(q.authorization()).isEqualTo("Bearer from-dotenv"));
        assertThat(ReasoningSetup.keyPresence(Map.of("GEMINI_API_KEY", "g"), work, data)).contains(
                "present (OPSDECK_LLM_API_KEY, read from " + data.resolve(".env") + "; GEMINI_API_KEY)");
        r.close();
    }

    @Test
    void openAiWithoutAModel_orWithoutAServerOrKey_isRefusedInOneLineSayingWhatToDo() {
        assertThatThrownBy(() -> apply(llm("openai", stub.baseUrl(), null), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--llm openai needs --model NAME (or OPSDECK_MODEL), e.g. --model qwen2.5 for Ollama");
        assertThatThrownBy(() -> apply(llm("openai", null, "gpt-4o-mini"), Map.of()))
                .hasMessageStartingWith("--llm openai needs --llm-base-url URL for a local server");
        assertThatThrownBy(() -> apply(llm("claude", null, null), Map.of()))
                .hasMessage("--llm must be gemini, openai or rules, got 'claude'");
        assertThatThrownBy(() -> apply(llm("gemini", null, null), Map.of()))
                .hasMessageStartingWith("--llm gemini needs a key");
        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void llmRules_keepsTheRules_whateverKeysAreSet_andSaysSo() {
        EngineConfig config = apply(llm("rules", stub.baseUrl(), "m"), Map.of("GEMINI_API_KEY", "k",
                "OPENAI_API_KEY", "o"));
        assertThat(config.reasoner()).isNull();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("reasoning: offline rules (--llm rules)\n");
    }

    @Test
    void openAisOwnApi_needsOnlyItsKey_andTheNameSaysNoServer() {
        ChatReasoner r = (ChatReasoner) apply(llm("openai", null, "gpt-4o-mini"), Map.of("OPENAI_API_KEY", "sk"))
                .reasoner();
        assertThat(r.name()).isEqualTo("openai · gpt-4o-mini");
        assertThat(r.settings().apiKey()).isEqualTo("sk");
        assertThat(r.settings().baseUrl()).isNull();
        r.close();
    }
}
