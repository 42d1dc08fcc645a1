package dev.opsdeck.engine.reasoning.chat;

import dev.opsdeck.engine.Json;
import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.workflow.Envelope;
import java.util.List;

/**
 * The opening user message of a turn: the recent envelopes of the agent's channel, one per line, in the form an
 * operator would read them. One message rather than one per envelope: every sender other than the agent itself is
 * "the user" to the model, and some APIs (Gemini's) want the conversation to open with a user turn anyway.
 */
final class TranscriptPrompt {

    private TranscriptPrompt() {
    }

    static ChatMessage.User of(Agent agent, List<Envelope> transcript) {
        StringBuilder b = new StringBuilder("Transcript of your channel, oldest first:\n");
        for (Envelope e : transcript) {
            b.append("- ").append(e.sender());
            if (e.isPacket()) {
                if (e.tool() != null) {
                    b.append(" called ").append(e.tool()).append(Json.write(e.toolArgs()));
                }
                b.append(": ").append(e.line());
            } else {
                b.append(": ").append(e.line());
            }
            b.append('\n');
        }
        b.append("\nYou are ").append(agent.displayName()).append(". Take your turn now.");
        return new ChatMessage.User(b.toString());
    }
}
