package dev.opsdeck.engine.reasoning.gemini;

import com.google.genai.Client;
import com.google.genai.errors.ApiException;
import com.google.genai.errors.GenAiIOException;
import com.google.genai.types.Content;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.FunctionResponse;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import com.google.genai.types.Part;
import dev.opsdeck.engine.reasoning.chat.ChatAnswer;
import dev.opsdeck.engine.reasoning.chat.ChatMessage;
import dev.opsdeck.engine.reasoning.chat.ChatModel;
import dev.opsdeck.engine.reasoning.chat.ChatModelException;
import dev.opsdeck.engine.reasoning.chat.ChatReasoner;
import dev.opsdeck.engine.reasoning.chat.ChatRequest;
import dev.opsdeck.engine.reasoning.chat.ChatSettings;
import dev.opsdeck.engine.reasoning.chat.ChatToolCall;
import dev.opsdeck.engine.ticket.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Gemini adapter of the chat-model port, through the official SDK: it only translates (our messages to
 * {@link Content}s, the tools to function declarations, the response and its errors back). The SDK's retries are
 * off: the engine's {@code RetryPolicy} owns them. Safe to call from several threads at once, as the SDK's client is.
 */
public final class GeminiChat implements ChatModel {

    public static final String VENDOR = "gemini";
    public static final String DEFAULT_MODEL = "gemini-2.5-flash";
    /** Gemini states its delay in the error message ("Please retry in 12.3s.") or as RetryInfo's retryDelay. */
    private static final Pattern STATED = Pattern.compile("(?i)(?:retry in|\"?retryDelay\"?\\s*[:=]\\s*\"?)\\s*(\\d+(?:\\.\\d+)?)\\s*s");

    private final Client client;

    public GeminiChat(ChatSettings settings) {
        HttpOptions.Builder http = HttpOptions.builder()
                // SDK 2.x defaults to the v1 API; our requests (tools, JSON schema output) are written for v1beta,
                // which 1.x used, and the model aliases users set may exist there only.
                .apiVersion("v1beta")
                .timeout(Math.toIntExact(settings.timeout().toMillis()))
                // The retry policy is the engine's. One attempt alone is not enough to turn the SDK's off: it still
                // sleeps its back-off (~1-3 s) before giving up on a 429/5xx. No retryable status code is.
                .retryOptions(HttpRetryOptions.builder().attempts(1).httpStatusCodes(List.of()).build());
        if (settings.baseUrl() != null) {
            http.baseUrl(settings.baseUrl());
        }
        this.client = Client.builder().apiKey(settings.apiKey()).httpOptions(http.build()).build();
    }

    /** The product's defaults for a Gemini key. */
    public static ChatSettings defaults(String apiKey) {
        return ChatSettings.defaults(apiKey, DEFAULT_MODEL);
    }

    /** Gemini reasoning: the engine's tool loop over this adapter. */
    public static ChatReasoner reasoner(ChatSettings settings) {
        return new ChatReasoner(VENDOR, new GeminiChat(settings), settings);
    }

    @Override
    public ChatAnswer ask(ChatRequest request) {
        GenerateContentConfig config = GenerateContentConfig.builder()
                .systemInstruction(Content.builder().parts(Part.fromText(request.system())).build())
                .tools(Declarations.of(request.tools()))
                .build();
        GenerateContentResponse response;
        try {
            response = client.models.generateContent(request.model(), contents(request.messages()), config);
        } catch (ApiException e) {
            throw ChatModelException.status(e.code(), e.code() + " " + e.status(), stated(e.getMessage()), e);
        } catch (GenAiIOException e) {
            throw new ChatModelException(timedOut(e) ? ChatModelException.Kind.TIMEOUT : ChatModelException.Kind.IO,
                    e.getMessage(), Optional.empty(), e);
        }
        return answer(response);
    }

    private static List<Content> contents(List<ChatMessage> messages) {
        List<Content> out = new ArrayList<>();
        for (ChatMessage m : messages) {
            if (m instanceof ChatMessage.User u) {
                out.add(Content.builder().role("user").parts(Part.fromText(u.text())).build());
            } else if (m instanceof ChatMessage.Assistant a) {
                // Sent back as it came (thought signatures included), as the model's turn: the API wants the role.
                out.add(a.echo() instanceof Content c ? c : said(a));
            } else if (m instanceof ChatMessage.ToolReplies r) {
                List<Part> parts = new ArrayList<>();
                for (ChatMessage.ToolReply reply : r.replies()) {
                    FunctionResponse.Builder fr = FunctionResponse.builder().name(reply.call().name())
                            .response(Map.of(reply.error() ? "error" : "result", reply.content()));
                    Optional.ofNullable(reply.call().id()).ifPresent(fr::id);
                    parts.add(Part.builder().functionResponse(fr.build()).build());
                }
                if (r.note() != null) {
                    parts.add(Part.fromText(r.note()));
                }
                out.add(Content.builder().role("user").parts(parts).build());
            }
        }
        return out;
    }

    private static Content said(ChatMessage.Assistant a) {
        List<Part> parts = new ArrayList<>();
        if (!a.text().isBlank()) {
            parts.add(Part.fromText(a.text()));
        }
        for (ChatToolCall c : a.calls()) {
            FunctionCall.Builder fc = FunctionCall.builder().name(c.name()).args(c.args());
            Optional.ofNullable(c.id()).ifPresent(fc::id);
            parts.add(Part.builder().functionCall(fc.build()).build());
        }
        return Content.builder().role("model").parts(parts).build();
    }

    private static ChatAnswer answer(GenerateContentResponse response) {
        Optional<Content> said = response.candidates().flatMap(c -> c.isEmpty() ? Optional.empty()
                : c.get(0).content()).filter(c -> c.parts().map(p -> !p.isEmpty()).orElse(false))
                .map(c -> c.role().isPresent() ? c : c.toBuilder().role("model").build());
        List<FunctionCall> asked = response.functionCalls() == null ? List.of() : response.functionCalls();
        List<ChatToolCall> calls = asked.stream().map(fc -> ChatToolCall.of(fc.id().orElse(null),
                fc.name().orElse(""), fc.args().orElse(Map.of()))).toList();
        Usage usage = response.usageMetadata().map(u -> new Usage(u.promptTokenCount().orElse(0),
                // Thinking tokens are billed as output.
                u.candidatesTokenCount().orElse(0) + u.thoughtsTokenCount().orElse(0), 0)).orElse(Usage.NONE);
        return new ChatAnswer(said.map(c -> new ChatMessage.Assistant(text(c), calls, c)).orElse(null), usage);
    }

    private static String text(Content c) {
        return c.parts().orElse(List.of()).stream()
                .filter(p -> !p.thought().orElse(false))
                .map(p -> p.text().orElse(""))
                .filter(t -> !t.isBlank())
                .collect(Collectors.joining(" ")).trim();
    }

    static Optional<Duration> stated(String message) {
        if (message == null) {
            return Optional.empty();
        }
        Matcher m = STATED.matcher(message);
        return m.find() ? Optional.of(Duration.ofMillis(Math.round(Double.parseDouble(m.group(1)) * 1000)))
                : Optional.empty();
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.InterruptedIOException
                    || (t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains("timeout"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        client.close();
    }
}
