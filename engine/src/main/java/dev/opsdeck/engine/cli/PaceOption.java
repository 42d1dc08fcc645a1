package dev.opsdeck.engine.cli;

import dev.opsdeck.engine.EngineConfig;
import dev.opsdeck.engine.reasoning.offline.OfflineRules;
import dev.opsdeck.engine.reasoning.offline.PacedReasoner;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code --pace MS}: the console's and {@code serve}'s one think-time option, so that both show the same incident
 * at the same speed (the React app's Live Investigation included). A model backend has its own speed: the pace
 * applies to the offline rules only.
 */
public final class PaceOption {

    /** The default think time per agent turn: about what a fast model takes, slow enough to watch. */
    public static final long DEFAULT_MS = 600;

    @Option(names = "--pace", paramLabel = "MS", defaultValue = "" + DEFAULT_MS,
            description = "Think time per agent turn under the offline rules (±50 %%), so that a person can watch "
                    + "the agents work (0: none, for tests and benchmarks; default: ${DEFAULT-VALUE}).")
    long paceMs = DEFAULT_MS;

    public long millis() {
        return paceMs;
    }

    /** {@code config} with its offline rules paced, unless a model reasons or the pace is 0. */
    public EngineConfig apply(EngineConfig config) {
        if (paceMs < 0) {
            throw new IllegalArgumentException("--pace must be 0 or more milliseconds, got " + paceMs);
        }
        if (config.reasoner() != null || paceMs == 0) {
            return config;
        }
        return config.withReasoner(new PacedReasoner(new OfflineRules(config.world(), config.metrics()),
                Duration.ofMillis(paceMs)));
    }
}
