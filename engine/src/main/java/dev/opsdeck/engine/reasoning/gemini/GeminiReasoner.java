package dev.opsdeck.engine.reasoning.gemini;

import com.google.genai.Client;
import com.google.genai.types.Content;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import com.google.genai.types.Part;
import dev.opsdeck.engine.reasoning.Reasoner;
import dev.opsdeck.engine.reasoning.Reply;
import dev.opsdeck.engine.reasoning.TurnRequest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Gemini backend of the reasoning port, through the official SDK: each agent turn is a function-calling loop
 * ({@link GeminiTurn}) with the agent's own system instruction and only its own tools declared. Model calls go
 * through our {@link RetryPolicy}; the SDK's retries are off. Safe to call from several threads at once (a band):
 * the SDK's client is, and each turn keeps its own state.
 */
public final class GeminiReasoner implements Reasoner, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GeminiReasoner.class);

    private final GeminiSettings settings;
    private final Client client;
    private final RetryPolicy retries;

    public GeminiReasoner(GeminiSettings settings) {
        this.settings = settings;
        HttpOptions.Builder http = HttpOptions.builder()
                // SDK 2.x defaults to the v1 API; our requests (tools, JSON schema output) are written for v1beta,
                // which 1.x used, and the model aliases users set may exist there only.
                .apiVersion("v1beta")
                .timeout(Math.toIntExact(settings.timeout().toMillis()))
                // The retry policy is ours (RetryPolicy). One attempt alone is not enough to turn the SDK's off: it
                // still sleeps its back-off (~1-3 s) before giving up on a 429/5xx. No retryable status code is.
                .retryOptions(HttpRetryOptions.builder().attempts(1).httpStatusCodes(List.of()).build());
        if (settings.baseUrl() != null) {
            http.baseUrl(settings.baseUrl());
        }
        this.client = Client.builder().apiKey(settings.apiKey()).httpOptions(http.build()).build();
        this.retries = new RetryPolicy(settings);
        log.info("Gemini reasoning: {}", settings);
    }

    /** {@code gemini · gemini-2.5-flash}: shown by the demo's header and with every turn this backend took. */
    @Override
    public String name() {
        return "gemini · " + settings.model();
    }

    public GeminiSettings settings() {
        return settings;
    }

    @Override
    public Reply think(TurnRequest request) {
        GenerateContentConfig config = config(request);
        String what = request.ticket().id() + " " + request.agent().displayName();
        String model = settings.modelFor(request.agent());
        return new GeminiTurn(request, contents -> generate(what, model, contents, config), settings.maxCallsPerTurn(),
                "gemini · " + model).run();
    }

    private GenerateContentResponse generate(String what, String model, List<Content> contents,
            GenerateContentConfig config) {
        return retries.call(what, () -> client.models.generateContent(model, contents, config));
    }

    /** The agent's instruction and only the tools its tool box holds: nothing else is ever declared to it. */
    private static GenerateContentConfig config(TurnRequest request) {
        return GenerateContentConfig.builder()
                .systemInstruction(Content.builder().parts(Part.fromText(Instructions.of(request.agent()))).build())
                .tools(Declarations.of(request.tools().specs()))
                .build();
    }

    @Override
    public void close() {
        client.close();
    }
}
