package dev.opsdeck.engine.reasoning.chat;

import dev.opsdeck.engine.agent.ToolSpec;
import java.util.List;

/**
 * One model call: which model, the agent's system instruction, the conversation so far, and the tools it may call
 * (the engine's own specs: each adapter declares them in its vendor's schema).
 */
public record ChatRequest(String model, String system, List<ChatMessage> messages, List<ToolSpec> tools) {

    public ChatRequest {
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
    }
}
