package dev.opsdeck.engine.reasoning;

import dev.opsdeck.engine.ticket.Usage;
import java.util.List;

/**
 * An agent's turn: every tool it called, in order, and its closing line.
 *
 * @param backend what produced it ({@code rules}, {@code gemini}); a fallback names itself and why
 * @param usage   model tokens spent on the turn
 */
public record Reply(List<ToolCall> calls, String body, String backend, Usage usage) {

    public Reply {
        calls = List.copyOf(calls);
        usage = usage == null ? Usage.NONE : usage;
    }
}
