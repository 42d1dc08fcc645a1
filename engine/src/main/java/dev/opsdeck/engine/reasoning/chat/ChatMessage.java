package dev.opsdeck.engine.reasoning.chat;

import java.util.List;

/** One message of a turn's conversation, in no vendor's form. */
public sealed interface ChatMessage {

    /** What the engine says: the transcript that opens the turn. */
    record User(String text) implements ChatMessage {
    }

    /**
     * What the model said: its text (may be empty) and the tools it called.
     *
     * @param echo the vendor's own form of this message, for its adapter to send back as it came (Gemini's thought
     *             signatures must be); null when the adapter rebuilds it from text and calls
     */
    record Assistant(String text, List<ChatToolCall> calls, Object echo) implements ChatMessage {

        public Assistant {
            text = text == null ? "" : text;
            calls = List.copyOf(calls);
        }
    }

    /**
     * The answers to the model's last tool calls, one per call it made, then an optional note from the engine (the
     * correction when the model erred; null when there is none).
     */
    record ToolReplies(List<ToolReply> replies, String note) implements ChatMessage {

        public ToolReplies {
            replies = List.copyOf(replies);
        }
    }

    /** A tool's answer to one call, or why the call was refused ({@code error}). */
    record ToolReply(ChatToolCall call, boolean error, String content) {
    }
}
