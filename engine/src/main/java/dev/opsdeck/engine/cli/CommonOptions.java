package dev.opsdeck.engine.cli;

import dev.opsdeck.engine.EngineConfig;
import dev.opsdeck.engine.world.WorldLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Option;

/** Options every sub-command shares: where the data lives, which world to simulate, and how the agents reason. */
public final class CommonOptions {

    /** The offline notice is said once per process, however many engines a command starts. */
    private static final AtomicBoolean toldOffline = new AtomicBoolean();

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where tickets and journals are kept (default: ~/.opsdeck).")
    Path dataDir;

    @Option(names = "--world", paramLabel = "FILE", description = "A world file to simulate instead of the bundled one.")
    Path world;

    @Option(names = "--model", paramLabel = "NAME",
            description = "Gemini model for every agent (default: $OPSDECK_MODEL or gemini-2.5-flash).")
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
        EngineConfig config = EngineConfig.defaults(dataDir());
        config = world == null ? config : config.withWorld(WorldLoader.load(world));
        if (maxFlows != null) {
            if (maxFlows < 1) {
                throw new IllegalArgumentException("--max-flows must be at least 1, got " + maxFlows);
            }
            config = config.withMaxFlows(maxFlows);
        }
        config = debounce == null ? config : config.withDebounce(debounce);
        config = signOffDeadline == null ? config : config.withSignOffDeadline(signOffDeadline);
        return ReasoningSetup.apply(config,
                new ReasoningSetup.Options(model, geminiBaseUrl, modelTimeout, modelAttempts, tokenCap,
                        agentModels, savedModel),
                System.getenv(), Path.of("").toAbsolutePath(), dataDir(),
                toldOffline.compareAndSet(false, true) ? System.err : null);
    }
}
