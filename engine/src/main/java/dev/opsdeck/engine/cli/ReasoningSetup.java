package dev.opsdeck.engine.cli;

import dev.opsdeck.engine.EngineConfig;
import dev.opsdeck.engine.reasoning.chat.ChatReasoner;
import dev.opsdeck.engine.reasoning.chat.ChatSettings;
import dev.opsdeck.engine.reasoning.gemini.GeminiChat;
import dev.opsdeck.engine.reasoning.openai.OpenAiChat;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the reasoning. {@code --llm} ({@code $OPSDECK_LLM}) names it: {@code gemini}, {@code openai} (any
 * OpenAI-compatible server) or {@code rules}. Left unsaid: an OpenAI-compatible server when {@code --llm-base-url}
 * / {@code $OPSDECK_LLM_BASE_URL} names one, else, as before, Gemini when its key is found ({@code GOOGLE_API_KEY}
 * wins over {@code GEMINI_API_KEY}, as in the SDK), else the offline rules, said on {@code err}
 * (null: not said). Variables come from the environment, then a {@code .env} in the working directory, then one in
 * the data dir. No backend chosen, no client: nothing ever reaches the network then.
 */
public final class ReasoningSetup {

    public static final String OFFLINE_NOTICE = "reasoning: offline rules (no GEMINI_API_KEY or GOOGLE_API_KEY set)";

    /** The keys OpsDeck reads, in the order it prefers them. Never logged, never shown: only their presence is. */
    public static final List<String> KEY_VARIABLES = List.of("OPSDECK_LLM_API_KEY", "GOOGLE_API_KEY",
            "GEMINI_API_KEY", "OPENAI_API_KEY");

    /**
     * What the command line asked for; null fields fall back to the variables, then to the defaults.
     * {@code savedModel} is the console's saved (Gemini) model: below the flag and the variable, above the default.
     */
    public record Options(String llm, String llmBaseUrl, String model, String geminiBaseUrl, Duration timeout,
            Integer attempts, Long tokenCap, Map<String, String> agentModels, String savedModel) {

        /** As before {@code --llm}: the backend left to the keys and variables. */
        public Options(String model, String geminiBaseUrl, Duration timeout, Integer attempts, Long tokenCap,
                Map<String, String> agentModels, String savedModel) {
            this(null, null, model, geminiBaseUrl, timeout, attempts, tokenCap, agentModels, savedModel);
        }
    }

    private ReasoningSetup() {
    }

    public static EngineConfig apply(EngineConfig config, Options options, Map<String, String> environment,
            Path workDir, Path dataDir, PrintStream err) {
        Map<String, String> vars = DotEnv.merged(environment, dotEnvFiles(workDir, dataDir));
        long cap = options.tokenCap() != null ? options.tokenCap() : number(vars, "OPSDECK_TOKEN_CAP").orElse(0L);
        EngineConfig capped = config.withTokenCap(cap);
        String llm = Optional.ofNullable(options.llm()).or(() -> value(vars, "OPSDECK_LLM"))
                .map(s -> s.strip().toLowerCase(Locale.ROOT)).orElse("");
        Optional<String> baseUrl = Optional.ofNullable(options.llmBaseUrl()).filter(s -> !s.isBlank())
                .or(() -> value(vars, "OPSDECK_LLM_BASE_URL"));
        Optional<String> geminiKey = value(vars, "GOOGLE_API_KEY").or(() -> value(vars, "GEMINI_API_KEY"));
        switch (llm) {
            case "rules":
                say(err, "reasoning: offline rules (--llm rules)");
                return capped;
            case "gemini": {
                String key = value(vars, "OPSDECK_LLM_API_KEY").or(() -> geminiKey).orElseThrow(() ->
                        new IllegalArgumentException("--llm gemini needs a key: set GEMINI_API_KEY (or "
                                + "GOOGLE_API_KEY, OPSDECK_LLM_API_KEY) in the environment or a .env file"));
                return capped.withReasoner(gemini(key, baseUrl, options, vars));
            }
            case "openai":
                return capped.withReasoner(openAi(baseUrl, options, vars));
            case "":
                if (baseUrl.isPresent()) {
                    return capped.withReasoner(openAi(baseUrl, options, vars));
                }
                if (geminiKey.isPresent()) {
                    return capped.withReasoner(gemini(geminiKey.get(), baseUrl, options, vars));
                }
                say(err, OFFLINE_NOTICE);
                return capped;
            default:
                throw new IllegalArgumentException("--llm must be gemini, openai or rules, got '" + llm + "'");
        }
    }

    /**
     * Which model keys are set and where each was read from, never a value: {@code present (GEMINI_API_KEY)} from
     * the environment, {@code present (OPENAI_API_KEY, read from /home/me/.opsdeck/.env)} from a file.
     */
    public static Optional<String> keyPresence(Map<String, String> environment, Path workDir, Path dataDir) {
        List<String> found = new java.util.ArrayList<>();
        for (String name : KEY_VARIABLES) {
            if (environment.get(name) != null && !environment.get(name).isBlank()) {
                found.add(name);
                continue;
            }
            for (Path file : dotEnvFiles(workDir, dataDir)) {
                Map<String, String> read = DotEnv.merged(Map.of(), List.of(file));
                if (read.get(name) != null && !read.get(name).isBlank()) {
                    found.add(name + ", read from " + file);
                    break;
                }
            }
        }
        return found.isEmpty() ? Optional.empty() : Optional.of("present (" + String.join("; ", found) + ")");
    }

    private static List<Path> dotEnvFiles(Path workDir, Path dataDir) {
        return List.of(workDir.resolve(".env"), dataDir.resolve(".env"));
    }

    private static ChatReasoner gemini(String key, Optional<String> baseUrl, Options options,
            Map<String, String> vars) {
        String model = options.model() != null ? options.model()
                : value(vars, "OPSDECK_MODEL").or(() -> Optional.ofNullable(options.savedModel())).orElse(null);
        ChatSettings settings = common(GeminiChat.defaults(key)
                .withModel(model == null || model.isBlank() ? GeminiChat.DEFAULT_MODEL : model)
                .withBaseUrl(baseUrl.or(() -> Optional.ofNullable(options.geminiBaseUrl()).filter(u -> !u.isBlank()))
                        .or(() -> value(vars, "GOOGLE_GEMINI_BASE_URL")).orElse(null)), options, vars);
        return GeminiChat.reasoner(settings);
    }

    /**
     * Any OpenAI-compatible server: the base URL (none: OpenAI's own API, which wants a key), the model always
     * named (the console's saved model is a Gemini one, so it is not used here).
     */
    private static ChatReasoner openAi(Optional<String> baseUrl, Options options, Map<String, String> vars) {
        Optional<String> key = value(vars, "OPSDECK_LLM_API_KEY").or(() -> value(vars, "OPENAI_API_KEY"));
        if (baseUrl.isEmpty() && key.isEmpty()) {
            throw new IllegalArgumentException("--llm openai needs --llm-base-url URL for a local server (e.g. "
                    + "http://localhost:11434/v1 for Ollama), or OPENAI_API_KEY for OpenAI's own API");
        }
        String model = Optional.ofNullable(options.model()).filter(s -> !s.isBlank())
                .or(() -> value(vars, "OPSDECK_MODEL")).orElseThrow(() -> new IllegalArgumentException(
                        "--llm openai needs --model NAME (or OPSDECK_MODEL), e.g. --model qwen2.5 for Ollama"));
        ChatSettings settings = common(ChatSettings.defaults(key.orElse(null), model)
                .withBaseUrl(baseUrl.orElse(null)), options, vars);
        return OpenAiChat.reasoner(settings);
    }

    private static ChatSettings common(ChatSettings settings, Options options, Map<String, String> vars) {
        Map<String, String> perAgent = options.agentModels() != null && !options.agentModels().isEmpty()
                ? options.agentModels() : pairs(vars, "OPSDECK_AGENT_MODELS");
        settings = settings.withAgentModels(perAgent);
        if (options.timeout() != null) {
            settings = settings.withTimeout(options.timeout());
        }
        if (options.attempts() != null) {
            settings = settings.withAttempts(options.attempts());
        }
        return settings;
    }

    private static void say(PrintStream err, String line) {
        if (err != null) {
            err.println(line);
        }
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
