package dev.opsdeck.engine.reasoning.chat;

import dev.opsdeck.engine.reasoning.Reasoner;
import dev.opsdeck.engine.reasoning.Reply;
import dev.opsdeck.engine.reasoning.TurnRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reasoning port over any chat model: each agent turn is a {@link ChatTurn} with the agent's own system
 * instruction and only its own tools declared, each model call through our {@link RetryPolicy}. Safe to call from
 * several threads at once (a band) when the model is: each turn keeps its own state.
 */
public final class ChatReasoner implements Reasoner, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChatReasoner.class);

    private final String vendor;
    private final ChatModel model;
    private final ChatSettings settings;
    private final RetryPolicy retries;
    private final String where;

    /** @param vendor the backend's short name ({@code gemini}, {@code openai}), the first half of every label */
    public ChatReasoner(String vendor, ChatModel model, ChatSettings settings) {
        this(vendor, model, settings, null);
    }

    /** @param where the server, when the vendor alone does not say it (a local Ollama); null when it does */
    public ChatReasoner(String vendor, ChatModel model, ChatSettings settings, String where) {
        this.vendor = vendor;
        this.where = where;
        this.model = model;
        this.settings = settings;
        this.retries = new RetryPolicy(settings);
        log.info("{} reasoning: {}", vendor, settings);
    }

    /**
     * {@code gemini · gemini-2.5-flash}, {@code openai · qwen2.5 @ localhost:11434}: shown by the demo's header, the
     * server's ready line and the console's top bar. Each turn's envelope names its vendor and model only.
     */
    @Override
    public String name() {
        return vendor + " · " + settings.model() + (where == null ? "" : " @ " + where);
    }

    public String vendor() {
        return vendor;
    }

    public ChatSettings settings() {
        return settings;
    }

    @Override
    public Reply think(TurnRequest request) {
        String what = request.ticket().id() + " " + request.agent().displayName();
        String name = settings.modelFor(request.agent());
        String system = Instructions.of(request.agent());
        return new ChatTurn(request, messages -> retries.call(what,
                () -> model.ask(new ChatRequest(name, system, messages, request.tools().specs()))),
                settings.maxCallsPerTurn(), vendor + " · " + name).run();
    }

    @Override
    public void close() {
        model.close();
    }
}
