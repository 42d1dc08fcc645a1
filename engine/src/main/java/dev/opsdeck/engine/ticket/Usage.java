package dev.opsdeck.engine.ticket;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Model tokens spent on a ticket (zero while the offline rules reason). */
public record Usage(
        @JsonProperty("prompt_tokens") long promptTokens,
        @JsonProperty("output_tokens") long outputTokens,
        @JsonProperty("model_turns") int modelTurns) {

    public static final Usage NONE = new Usage(0, 0, 0);

    public Usage plus(Usage other) {
        return new Usage(promptTokens + other.promptTokens, outputTokens + other.outputTokens,
                modelTurns + other.modelTurns);
    }

    public long total() {
        return promptTokens + outputTokens;
    }
}
