package dev.opsdeck.engine.reasoning;

/**
 * The reasoning port: one agent turn in, its tool calls and closing line out. Implementations may block (a model
 * call) and are called from the engine's executor, several at once for a parallel band.
 */
public interface Reasoner {

    /** A short label shown with each turn: {@code rules}, {@code gemini}, ... */
    String name();

    /**
     * Takes one turn.
     *
     * @throws ReasoningException when no usable answer could be had; the engine then falls back to the rules
     */
    Reply think(TurnRequest request);
}
