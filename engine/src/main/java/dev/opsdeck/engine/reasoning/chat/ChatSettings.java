package dev.opsdeck.engine.reasoning.chat;

import dev.opsdeck.engine.agent.Agent;
import java.time.Duration;
import java.util.Map;

/**
 * How a chat-model backend is called, whichever vendor. Our retry policy, not an SDK's: each adapter turns its SDK's
 * own retries off (left on, Gemini's retried a 429 five times over ~31 s and then surfaced an IO error, not the API's).
 *
 * @param apiKey          the key; never logged; null for a server that wants none (a local Ollama)
 * @param model           the model every agent uses, e.g. {@code gemini-2.5-flash} or {@code qwen2.5}
 * @param baseUrl         a different endpoint (a local server, a stub, a proxy); null for the SDK's default
 * @param timeout         per model call
 * @param attempts        tries per model call, the first included, on 429 / 5xx / timeouts
 * @param backoff         the first retry's delay; each next one doubles, with jitter
 * @param maxBackoff      no retry waits longer, whatever the server asks
 * @param maxCallsPerTurn model calls one agent turn may make before it must have routed
 * @param agentModels     per-agent overrides of {@code model}, by display name (e.g. {@code RCA})
 */
public record ChatSettings(
        String apiKey,
        String model,
        String baseUrl,
        Duration timeout,
        int attempts,
        Duration backoff,
        Duration maxBackoff,
        int maxCallsPerTurn,
        Map<String, String> agentModels) {

    public ChatSettings {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("a model name is required (--model or OPSDECK_MODEL)");
        }
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
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
    public static ChatSettings defaults(String apiKey, String model) {
        return new ChatSettings(apiKey, model, null, Duration.ofSeconds(30), 3, Duration.ofSeconds(1),
                Duration.ofSeconds(20), 6, Map.of());
    }

    public ChatSettings withModel(String m) {
        return new ChatSettings(apiKey, m, baseUrl, timeout, attempts, backoff, maxBackoff, maxCallsPerTurn, agentModels);
    }

    public ChatSettings withBaseUrl(String url) {
        return new ChatSettings(apiKey, model, url, timeout, attempts, backoff, maxBackoff, maxCallsPerTurn, agentModels);
    }

    public ChatSettings withTimeout(Duration d) {
        return new ChatSettings(apiKey, model, baseUrl, d, attempts, backoff, maxBackoff, maxCallsPerTurn, agentModels);
    }

    public ChatSettings withAttempts(int n) {
        return new ChatSettings(apiKey, model, baseUrl, timeout, n, backoff, maxBackoff, maxCallsPerTurn, agentModels);
    }

    public ChatSettings withBackoff(Duration first, Duration max) {
        return new ChatSettings(apiKey, model, baseUrl, timeout, attempts, first, max, maxCallsPerTurn, agentModels);
    }

    public ChatSettings withMaxCallsPerTurn(int n) {
        return new ChatSettings(apiKey, model, baseUrl, timeout, attempts, backoff, maxBackoff, n, agentModels);
    }

    public ChatSettings withAgentModels(Map<String, String> models) {
        return new ChatSettings(apiKey, model, baseUrl, timeout, attempts, backoff, maxBackoff, maxCallsPerTurn, models);
    }

    /** The model this agent reasons with: its override, else the common one. */
    public String modelFor(Agent agent) {
        return agentModels.getOrDefault(agent.displayName(), model);
    }

    /** Everything but the key, for logs. */
    @Override
    public String toString() {
        return "ChatSettings[model=" + model + ", baseUrl=" + (baseUrl == null ? "default" : baseUrl)
                + ", timeout=" + timeout + ", attempts=" + attempts + ", backoff=" + backoff + ".." + maxBackoff
                + ", maxCallsPerTurn=" + maxCallsPerTurn + ", agentModels=" + agentModels + "]";
    }
}
