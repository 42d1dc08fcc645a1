package dev.opsdeck.engine.workflow;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * Where a channel stands: one agent expected (scalar mode) or a sorted set of pending band members (parallel mode),
 * never both. Derived only by folding the channel's journal, so it can always be rebuilt from it.
 */
@JsonPropertyOrder(alphabetic = true)
public record WorkflowState(
        String expected,
        List<String> pending,
        @JsonProperty("last_speaker") String lastSpeaker,
        @JsonProperty("last_envelope") String lastEnvelope,
        @JsonProperty("turn_count") int turnCount,
        @JsonProperty("close_reason") String closeReason,
        boolean closed) {

    public WorkflowState {
        pending = List.copyOf(pending);
        if (expected != null && !pending.isEmpty()) {
            throw new IllegalStateException("a scalar next speaker and a pending band at once");
        }
    }

    public static WorkflowState initial(Graph graph) {
        return new WorkflowState(graph.initial().displayName(), List.of(), null, null, 0, null, false);
    }

    public boolean inBand() {
        return !pending.isEmpty();
    }
}
