package dev.opsdeck.engine.reasoning.gemini;

import dev.opsdeck.engine.reasoning.chat.ChatReasoner;
import dev.opsdeck.engine.reasoning.chat.ChatSettings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.EngineConfig;
import dev.opsdeck.engine.cli.ReasoningSetup;
import dev.opsdeck.engine.cli.ReasoningSetup.Options;
import dev.opsdeck.engine.ticket.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a command chooses its reasoning from the environment and {@code .env} files. */
class ReasoningSetupTest {

    static final Options NONE = new Options(null, null, null, null, null, null, null);

    @TempDir
    Path work;
    @TempDir
    Path data;

    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    EngineConfig apply(Options options, Map<String, String> env) {
        return ReasoningSetup.apply(EngineConfig.defaults(data), options, env, work, data,
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void noKey_staysOffline_saysSoOnce_andNeverCallsTheNetwork() throws Exception {
        try (StubGemini stub = StubGemini.start()) {
            // Even with the endpoint configured, no key means no client and so no request.
            EngineConfig config = apply(NONE, Map.of("GOOGLE_GEMINI_BASE_URL", stub.baseUrl(), "OPSDECK_MODEL", "x"));

            assertThat(config.reasoner()).isNull();
            assertThat(err.toString(StandardCharsets.UTF_8).lines())
                    .containsExactly("reasoning: offline rules (no GEMINI_API_KEY or GOOGLE_API_KEY set)");
            try (EngineRun run = new EngineRun(config)) {
                assertThat(run.engine().reasoning()).isEqualTo("rules");
                String id = run.inject("web_5xx");
                assertThat(run.awaitTerminal(id, Duration.ofSeconds(30)).status()).isEqualTo(Status.RESOLVED);
            }
            assertThat(stub.calls()).isEmpty();
        }
    }

    @Test
    void aKeyInTheEnvironment_choosesGemini_withGoogleApiKeyWinning() {
        EngineConfig config = apply(NONE, Map.of("GEMINI_API_KEY", "gemini-key", "GOOGLE_API_KEY", "google-key",
                "GOOGLE_GEMINI_BASE_URL", "http://127.0.0.1:9"));

        ChatReasoner r = (ChatReasoner) config.reasoner();
        assertThat(r.name()).isEqualTo("gemini · gemini-2.5-flash");
        assertThat(r.settings().apiKey()).isEqualTo("google-key");
        assertThat(r.settings().baseUrl()).isEqualTo("http://127.0.0.1:9");
        assertThat(err.size()).isZero();
        r.close();
    }

    @Test
    void aKeyInTheDataDirsDotEnv_isFound_andFlagsBeatVariables() throws Exception {
        Files.writeString(data.resolve(".env"), "# local\nexport GEMINI_API_KEY=\"from-dotenv\"\nOPSDECK_MODEL=gemini-x\n");
        EngineConfig config = apply(new Options("gemini-2.5-pro", null, Duration.ofSeconds(7), 5, 1000L, null, "saved-model"), Map.of());

        ChatReasoner r = (ChatReasoner) config.reasoner();
        assertThat(r.settings().apiKey()).isEqualTo("from-dotenv");
        assertThat(r.settings().model()).isEqualTo("gemini-2.5-pro");
        assertThat(r.settings().timeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(r.settings().attempts()).isEqualTo(5);
        assertThat(config.tokenCap()).isEqualTo(1000L);
        r.close();
    }

    @Test
    void theEnvironment_winsOverTheWorkingDirsDotEnv_whichWinsOverTheDataDirs() throws Exception {
        Files.writeString(work.resolve(".env"), "GEMINI_API_KEY=work\nOPSDECK_MODEL=from-work\n");
        Files.writeString(data.resolve(".env"), "GEMINI_API_KEY=data\nOPSDECK_MODEL=from-data\n");
        EngineConfig config = apply(NONE, Map.of("OPSDECK_MODEL", "from-env"));

        ChatReasoner r = (ChatReasoner) config.reasoner();
        assertThat(r.settings().apiKey()).isEqualTo("work");
        assertThat(r.settings().model()).isEqualTo("from-env");
        r.close();
    }

    @Test
    void perAgentModels_comeFromTheVariable_andAnUnknownAgentIsRefusedClearly() {
        EngineConfig config = apply(NONE, Map.of("GEMINI_API_KEY", "k", "OPSDECK_AGENT_MODELS", "RCA=gemini-2.5-pro"));
        ChatReasoner r = (ChatReasoner) config.reasoner();
        assertThat(r.settings().modelFor(dev.opsdeck.engine.agent.Agent.RCA)).isEqualTo("gemini-2.5-pro");
        assertThat(r.settings().modelFor(dev.opsdeck.engine.agent.Agent.TRIAGE)).isEqualTo("gemini-2.5-flash");
        r.close();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> apply(NONE,
                Map.of("GEMINI_API_KEY", "k", "OPSDECK_AGENT_MODELS", "TicketBot=gemini-2.5-pro")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no agent 'TicketBot'");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> apply(NONE,
                Map.of("GEMINI_API_KEY", "k", "OPSDECK_AGENT_MODELS", "RCA")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must look like RCA=");
    }

    @Test
    void theConsolesSavedModel_isUsedWhenNeitherFlagNorVariableNamesOne() {
        Options saved = new Options(null, null, null, null, null, null, "gemini-2.5-pro");
        ChatReasoner r = (ChatReasoner) apply(saved, Map.of("GEMINI_API_KEY", "k")).reasoner();
        assertThat(r.name()).isEqualTo("gemini · gemini-2.5-pro");
        r.close();
        ChatReasoner v = (ChatReasoner) apply(saved, Map.of("GEMINI_API_KEY", "k", "OPSDECK_MODEL", "env-model")).reasoner();
        assertThat(v.name()).isEqualTo("gemini · env-model");
        v.close();
    }
}
