package dev.opsdeck.engine.reasoning.gemini;

import dev.opsdeck.engine.agent.Agent;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the Gemini backend calls the model. Our retry policy, not the SDK's: the SDK's own retries are turned off
 * (left on, a 429 was retried five times over ~31 s and then surfaced as an IO error, not the API's).
 *
 * @param apiKey          the key; never logged
 * @param model           the model every agent uses, e.g. {@code gemini-2.5-flash}
 * @param baseUrl         a different endpoint (a local stub, a proxy); null for the SDK's default
 * @param timeout         per model call
 * @param attempts        tries per model call, the first included, on 429 / 5xx / timeouts
 * @param backoff         the first retry's delay; each next one doubles, with jitter
 * @param maxBackoff      no retry waits longer, whatever the server asks
 * @param maxCallsPerTurn model calls one agent turn may make before it must have routed
 * @param agentModels     per-agent overrides of {@code model}, by display name (e.g. {@code RCA})
 */
public record GeminiSettings(
        String apiKey,
        String model,
        String baseUrl,
        Duration timeout,
        int attempts,
        Duration backoff,
        Duration maxBackoff,
        int maxCallsPerTurn,
        Map<String, String> agentModels) {

    public static final String DEFAULT_MODEL = "gemini-2.5-flash";

    public GeminiSettings {
        Objects.requireNonNull(apiKey, "apiKey");
        model = model == null || model.isBlank() ? DEFAULT_MODEL : model;
        baseUrl = baseUrl == null || baseUrl.isBlank() ? null : baseUrl;
        agentModels = agentModels == null ? Map.of() : Map.copyOf(agentModels);
        for (String agent : agentModels.keySet()) {
            if (Agent.byName(agent).filter(a -> a.kind() == Agent.Kind.MODEL).isEmpty()) {
                throw new IllegalArgumentException("no agent '" + agent + "' reasons with a model (agents: "
                        + java.util.Arrays.stream(Agent.values()).filter(a -> a.kind() == Agent.Kind.MODEL)
                                .map(Agent::displayName).toList() + ")");
            }
        }
        if (attempts < 1 || maxCallsPerTurn < 1) {
            throw new IllegalArgumentException("attempts and calls per turn must be at least 1");
        }
    }

    /** The product's defaults: 30 s per call, 3 attempts from 1 s back-off (at most 20 s), 6 model calls a turn. */
    public static GeminiSettings defaults(String apiKey) {
        return new GeminiSettings(apiKey, DEFAULT_MODEL, null, Duration.ofSeconds(30), 3, Duration.ofSeconds(1),
                Duration.ofSeconds(20), 6, Map.of());
    }

    public GeminiSettings withModel(String m) {
        return new GeminiSettings(apiKey, m, baseUrl, timeout, attempts, backoff, maxBackoff, maxCallsPerTurn, agentModels);
    }

    public GeminiSettings withBaseUrl(String url) {
        return new GeminiSettings(apiKey, model, url, timeout, attempts, backoff, maxBackoff, maxCallsPerTurn, agentModels);
    }

    public GeminiSettings withTimeout(Duration d) {
        return new GeminiSettings(apiKey, model, baseUrl, d, attempts, backoff, maxBackoff, maxCallsPerTurn, agentModels);
    }

    public GeminiSettings withAttempts(int n) {
        return new GeminiSettings(apiKey, model, baseUrl, timeout, n, backoff, maxBackoff, maxCallsPerTurn, agentModels);
    }

    public GeminiSettings withBackoff(Duration first, Duration max) {
        return new GeminiSettings(apiKey, model, baseUrl, timeout, attempts, first, max, maxCallsPerTurn, agentModels);
    }

    public GeminiSettings withMaxCallsPerTurn(int n) {
        return new GeminiSettings(apiKey, model, baseUrl, timeout, attempts, backoff, maxBackoff, n, agentModels);
    }

    public GeminiSettings withAgentModels(Map<String, String> models) {
        return new GeminiSettings(apiKey, model, baseUrl, timeout, attempts, backoff, maxBackoff, maxCallsPerTurn, models);
    }

    /** The model this agent reasons with: its override, else the common one. */
    public String modelFor(Agent agent) {
        return agentModels.getOrDefault(agent.displayName(), model);
    }

    /** Everything but the key, for logs. */
    @Override
    public String toString() {
        return "GeminiSettings[model=" + model + ", baseUrl=" + (baseUrl == null ? "default" : baseUrl)
                + ", timeout=" + timeout + ", attempts=" + attempts + ", backoff=" + backoff + ".." + maxBackoff
                + ", maxCallsPerTurn=" + maxCallsPerTurn + ", agentModels=" + agentModels + "]";
    }
}
