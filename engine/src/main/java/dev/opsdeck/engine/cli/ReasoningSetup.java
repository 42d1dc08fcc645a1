package dev.opsdeck.engine.cli;

import dev.opsdeck.engine.EngineConfig;
import dev.opsdeck.engine.reasoning.chat.ChatSettings;
import dev.opsdeck.engine.reasoning.gemini.GeminiChat;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the reasoning: Gemini when a key is found ({@code GOOGLE_API_KEY} wins over {@code GEMINI_API_KEY}, as
 * in the SDK; the environment, then a {@code .env} in the working directory, then one in the data dir), else the
 * offline rules, said on {@code err} (null: not said). No key, no client: nothing ever reaches the network then.
 */
public final class ReasoningSetup {

    public static final String OFFLINE_NOTICE = "reasoning: offline rules (no GEMINI_API_KEY or GOOGLE_API_KEY set)";

    /**
     * What the command line asked for; null fields fall back to the variables, then to the defaults.
     * {@code savedModel} is the console's saved choice: below the flag and the variable, above the default.
     */
    public record Options(String model, String baseUrl, Duration timeout, Integer attempts, Long tokenCap,
            Map<String, String> agentModels, String savedModel) {
    }

    private ReasoningSetup() {
    }

    public static EngineConfig apply(EngineConfig config, Options options, Map<String, String> environment,
            Path workDir, Path dataDir, PrintStream err) {
        Map<String, String> vars = DotEnv.merged(environment, List.of(workDir.resolve(".env"), dataDir.resolve(".env")));
        long cap = options.tokenCap() != null ? options.tokenCap() : number(vars, "OPSDECK_TOKEN_CAP").orElse(0L);
        EngineConfig capped = config.withTokenCap(cap);
        Optional<String> key = value(vars, "GOOGLE_API_KEY").or(() -> value(vars, "GEMINI_API_KEY"));
        if (key.isEmpty()) {
            if (err != null) {
                err.println(OFFLINE_NOTICE);
            }
            return capped;
        }
        String model = options.model() != null ? options.model()
                : value(vars, "OPSDECK_MODEL").or(() -> Optional.ofNullable(options.savedModel())).orElse(null);
        ChatSettings settings = GeminiChat.defaults(key.get())
                .withModel(model == null || model.isBlank() ? GeminiChat.DEFAULT_MODEL : model)
                .withBaseUrl(options.baseUrl() != null ? options.baseUrl()
                        : value(vars, "GOOGLE_GEMINI_BASE_URL").orElse(null));
        Map<String, String> perAgent = options.agentModels() != null && !options.agentModels().isEmpty()
                ? options.agentModels() : pairs(vars, "OPSDECK_AGENT_MODELS");
        settings = settings.withAgentModels(perAgent);
        if (options.timeout() != null) {
            settings = settings.withTimeout(options.timeout());
        }
        if (options.attempts() != null) {
            settings = settings.withAttempts(options.attempts());
        }
        return capped.withReasoner(GeminiChat.reasoner(settings));
    }

    private static Optional<String> value(Map<String, String> vars, String name) {
        return Optional.ofNullable(vars.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** {@code RCA=gemini-2.5-pro,Resolver=gemini-2.5-pro} as a map. */
    private static Map<String, String> pairs(Map<String, String> vars, String name) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String pair : value(vars, name).map(v -> v.split(",")).orElse(new String[0])) {
            String[] kv = pair.split("=", 2);
            if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
                throw new IllegalArgumentException(name + " must look like RCA=gemini-2.5-pro,Resolver=gemini-2.5-pro, got '"
                        + vars.get(name) + "'");
            }
            out.put(kv[0].strip(), kv[1].strip());
        }
        return out;
    }

    private static Optional<Long> number(Map<String, String> vars, String name) {
        try {
            return value(vars, name).map(Long::parseLong);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number of tokens, got '" + vars.get(name) + "'");
        }
    }
}
