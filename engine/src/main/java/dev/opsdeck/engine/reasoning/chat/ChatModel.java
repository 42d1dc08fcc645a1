package dev.opsdeck.engine.reasoning.chat;

/**
 * The chat-model port: one model call, as adk-java's {@code BaseLlm.generateContent} is. Messages and the agent's
 * tool declarations in; text and tool calls out. The tool loop, the retries and the fallback are the engine's
 * ({@link ChatTurn}, {@link RetryPolicy}), so a new vendor is a small adapter that only translates.
 */
public interface ChatModel extends AutoCloseable {

    /**
     * Asks the model once; no retries here.
     *
     * @throws ChatModelException when the vendor refused or failed the call, saying whether another try may help
     */
    ChatAnswer ask(ChatRequest request);

    @Override
    default void close() {
    }
}
