package dev.opsdeck.engine.reasoning.chat;

import dev.opsdeck.engine.ticket.Usage;

/**
 * What one model call returned.
 *
 * @param said  the model's message; null when it said nothing at all (an empty response)
 * @param usage tokens the call spent (its {@code modelTurns} is not counted here: a turn is)
 */
public record ChatAnswer(ChatMessage.Assistant said, Usage usage) {

    public ChatAnswer {
        usage = usage == null ? Usage.NONE : usage;
    }
}
