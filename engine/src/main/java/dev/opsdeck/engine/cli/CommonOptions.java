package dev.opsdeck.engine.cli;

import dev.opsdeck.engine.EngineConfig;
import dev.opsdeck.engine.telemetry.MetricProbes;
import dev.opsdeck.engine.telemetry.Toolset;
import dev.opsdeck.engine.telemetry.prometheus.PrometheusClient;
import dev.opsdeck.engine.world.WorldLoader;
import dev.opsdeck.engine.runbook.RunbookLoader;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Option;

/** Options every sub-command shares: where the data lives, which world to simulate, and how the agents reason. */
public final class CommonOptions {

    /** The offline notice is said once per process, however many engines a command starts. */
    private static final AtomicBoolean toldOffline = new AtomicBoolean();

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where tickets and journals are kept (default: ~/.opsdeck).")
    Path dataDir;

    @Option(names = "--database", paramLabel = "URL",
            description = "A shared PostgreSQL, postgresql://USER:PASS@HOST:PORT/DB, instead of the SQLite file in the "
                    + "data dir (default: $OPSDECK_DATABASE, else the file).")
    String database;

    @Option(names = "--world", paramLabel = "FILE", description = "A world file to simulate instead of the bundled one.")
    Path world;

    @Option(names = "--llm", paramLabel = "gemini|openai|rules",
            description = "The reasoning: Gemini, any OpenAI-compatible server (Ollama, vLLM, llama.cpp, LM Studio, "
                    + "LiteLLM) or the offline rules (default: $OPSDECK_LLM; else openai when --llm-base-url is set, "
                    + "gemini when a Gemini key is found, else rules).")
    String llm;

    @Option(names = "--llm-base-url", paramLabel = "URL",
            description = "The model server's API, e.g. http://localhost:11434/v1 for Ollama (default: "
                    + "$OPSDECK_LLM_BASE_URL; under --llm openai without one: OpenAI's own API).")
    String llmBaseUrl;

    @Option(names = "--model", paramLabel = "NAME",
            description = "Model for every agent (default: $OPSDECK_MODEL; for Gemini gemini-2.5-flash; "
                    + "an OpenAI-compatible server needs one named, e.g. qwen2.5).")
    String model;

    @Option(names = "--gemini-base-url", paramLabel = "URL",
            description = "Gemini endpoint, e.g. a local stub (default: $GOOGLE_GEMINI_BASE_URL or the SDK's).")
    String geminiBaseUrl;

    @Option(names = "--model-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Timeout of one model call (default: 30s).")
    Duration modelTimeout;

    @Option(names = "--model-attempts", paramLabel = "N",
            description = "Tries per model call on 429, 5xx and timeouts, the first included (default: 3).")
    Integer modelAttempts;

    @Option(names = "--token-cap", paramLabel = "TOKENS",
            description = "Model tokens a ticket may spend before its remaining turns use the rules "
                    + "(default: $OPSDECK_TOKEN_CAP or 0, no cap).")
    Long tokenCap;

    @Option(names = "--agent-model", paramLabel = "AGENT=MODEL",
            description = "A model for one agent, e.g. RCA=gemini-2.5-pro; repeatable (default: $OPSDECK_AGENT_MODELS).")
    java.util.Map<String, String> agentModels;

    @Option(names = "--max-flows", paramLabel = "N", description = "Incidents in flight at once (default: 6).")
    Integer maxFlows;

    @Option(names = "--debounce", paramLabel = "DURATION", converter = DurationConverter.ZeroAllowed.class,
            description = "Refuse a repeat inject of one incident within this time (default: 1.5s; 0 turns it off).")
    java.time.Duration debounce;

    @Option(names = "--signoff-deadline", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long a sign-off waits for the operator (default: 300s).")
    java.time.Duration signOffDeadline;

    @Option(names = "--ack-reminder", paramLabel = "DURATION", converter = DurationConverter.ZeroAllowed.class,
            defaultValue = "5m", description = "Remind (the console's notification, the --notify-webhook of serve) "
                    + "when a SEV1 is still not acknowledged this long after it opened (default: 5m; 0 turns it off).")
    java.time.Duration ackReminder;

    /** How long a SEV1 may wait for someone to take it before the reminder ({@code --ack-reminder}; zero: never). */
    public java.time.Duration ackReminder() {
        return ackReminder == null ? java.time.Duration.ZERO : ackReminder;
    }

    @Option(names = "--prometheus", paramLabel = "URL", defaultValue = "${env:OPSDECK_PROMETHEUS_URL}",
            description = "Prometheus to probe for systems the world does not simulate, e.g. http://127.0.0.1:9090 "
                    + "(default: $OPSDECK_PROMETHEUS_URL, else none).")
    String prometheus;

    @Option(names = "--toolset", paramLabel = "FILE",
            description = "The Prometheus probes and thresholds, replacing the bundled node_exporter toolset.")
    Path toolset;

    @Option(names = "--runbook", paramLabel = "FILE",
            description = "A runbook: the actions OpsDeck may propose and, once approved, run (RUNBOOK.md); "
                    + "repeatable (default: $OPSDECK_RUNBOOK, a list of paths separated by ':').")
    List<Path> runbooks;

    @Option(names = "--prometheus-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Timeout of one Prometheus query (default: 5s).")
    Duration prometheusTimeout;

    /** The Prometheus probes these options name; none without a URL (a toolset alone is still checked). */
    public static MetricProbes metrics(String url, Path toolsetFile, Duration timeout) {
        Toolset set = toolsetFile == null ? Toolset.bundled() : Toolset.load(toolsetFile);
        if (url == null || url.isBlank()) {
            return MetricProbes.NONE;
        }
        return new MetricProbes(PrometheusClient.of(url, timeout == null ? Duration.ofSeconds(5) : timeout), set);
    }

    /** The runbook files: the flags, else {@code $OPSDECK_RUNBOOK}. */
    List<Path> runbookFiles() {
        if (runbooks != null && !runbooks.isEmpty()) {
            return runbooks;
        }
        String env = System.getenv("OPSDECK_RUNBOOK");
        if (env == null || env.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(env.split(":")).filter(s -> !s.isBlank()).map(Path::of).toList();
    }

    public Path dataDir() {
        return dataDir != null ? dataDir : Path.of(System.getProperty("user.home"), ".opsdeck");
    }

    /**
     * The engine configuration these options describe, with Gemini reasoning when a key is found; a bad world file
     * fails here with a clear message.
     */
    public EngineConfig config() {
        return config(null);
    }

    /** As {@link #config()}, with the model the console saved as the choice below the flag and the variable. */
    public EngineConfig config(String savedModel) {
        return config(savedModel, null);
    }

    /** As {@link #config(String)}, with the console's saved Prometheus URL below the flag and the variable. */
    public EngineConfig config(String savedModel, String savedPrometheusUrl) {
        return config(savedModel, savedPrometheusUrl, null);
    }

    /** As {@link #config(String, String)}, with the console's saved database below the flag and the variable. */
    public EngineConfig config(String savedModel, String savedPrometheusUrl, String savedDatabase) {
        EngineConfig config = EngineConfig.defaults(dataDir());
        String env = System.getenv("OPSDECK_DATABASE");
        String db = database != null ? database : env != null && !env.isBlank() ? env : savedDatabase;
        config = db == null || db.isBlank() ? config : config.withDatabase(db);
        config = world == null ? config : config.withWorld(WorldLoader.load(world));
        if (maxFlows != null) {
            if (maxFlows < 1) {
                throw new IllegalArgumentException("--max-flows must be at least 1, got " + maxFlows);
            }
            config = config.withMaxFlows(maxFlows);
        }
        config = debounce == null ? config : config.withDebounce(debounce);
        config = signOffDeadline == null ? config : config.withSignOffDeadline(signOffDeadline);
        String url = prometheus != null && !prometheus.isBlank() ? prometheus : savedPrometheusUrl;
        config = config.withMetrics(metrics(url, toolset, prometheusTimeout));
        // The defaults hold the bundled runbook already: read once, the user's files added to it.
        config = config.withRunbook(config.runbook().plus(RunbookLoader.load(runbookFiles())));
        return ReasoningSetup.apply(config,
                new ReasoningSetup.Options(llm, llmBaseUrl, model, geminiBaseUrl, modelTimeout, modelAttempts,
                        tokenCap, agentModels, savedModel),
                System.getenv(), Path.of("").toAbsolutePath(), dataDir(),
                toldOffline.compareAndSet(false, true) ? System.err : null);
    }
}
