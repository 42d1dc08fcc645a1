package dev.opsdeck.engine.reasoning.openai;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import dev.opsdeck.engine.agent.ToolSpec;
import dev.opsdeck.engine.reasoning.chat.ChatAnswer;
import dev.opsdeck.engine.reasoning.chat.ChatMessage;
import dev.opsdeck.engine.reasoning.chat.ChatModel;
import dev.opsdeck.engine.reasoning.chat.ChatModelException;
import dev.opsdeck.engine.reasoning.chat.ChatReasoner;
import dev.opsdeck.engine.reasoning.chat.ChatRequest;
import dev.opsdeck.engine.reasoning.chat.ChatSettings;
import dev.opsdeck.engine.reasoning.chat.ChatToolCall;
import dev.opsdeck.engine.reasoning.chat.ToolSchema;
import dev.opsdeck.engine.ticket.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The adapter of the chat-model port for any server speaking OpenAI's Chat Completions API with tool calls (OpenAI
 * itself, Ollama, vLLM, a llama.cpp server, LM Studio, a LiteLLM proxy), through the official {@code openai-java}
 * SDK. It only translates: our messages to the API's, the tools to function declarations (JSON Schema), the answer
 * and its errors back. The SDK's retries are off: the engine's {@code RetryPolicy} owns them.
 */
public final class OpenAiChat implements ChatModel {

    public static final String VENDOR = "openai";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Reasoning models served locally (qwen3, deepseek-r1) may put their thinking in the content. */
    private static final Pattern THINKING = Pattern.compile("(?s)<think>.*?</think>");

    private final OpenAIClient client;

    public OpenAiChat(ChatSettings settings) {
        OpenAIOkHttpClient.Builder b = OpenAIOkHttpClient.builder()
                // A local server (Ollama, llama.cpp) wants no key; the SDK wants one all the same, and they ignore it.
                .apiKey(settings.apiKey() != null ? settings.apiKey() : "none")
                .timeout(settings.timeout())
                .maxRetries(0);
        if (settings.baseUrl() != null) {
            b.baseUrl(settings.baseUrl());
        }
        this.client = b.build();
    }

    /** OpenAI-compatible reasoning: the engine's tool loop over this adapter. */
    public static ChatReasoner reasoner(ChatSettings settings) {
        return new ChatReasoner(VENDOR, new OpenAiChat(settings), settings, server(settings.baseUrl()));
    }

    /** {@code localhost:11434} for {@code http://localhost:11434/v1}; null for OpenAI's own API (no base URL). */
    static String server(String baseUrl) {
        if (baseUrl == null) {
            return null;
        }
        try {
            java.net.URI uri = java.net.URI.create(baseUrl.strip());
            if (uri.getHost() == null) {
                return baseUrl;
            }
            return uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return baseUrl;
        }
    }

    @Override
    public ChatAnswer ask(ChatRequest request) {
        ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder().model(request.model())
                .addSystemMessage(request.system());
        for (ToolSpec spec : request.tools()) {
            params.addTool(ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder()
                    .name(spec.name()).description(spec.description())
                    .parameters(FunctionParameters.builder().additionalProperties(json(ToolSchema.parameters(spec)))
                            .build())
                    .build()).build());
        }
        messages(params, request.messages());
        try {
            return answer(client.chat().completions().create(params.build()));
        } catch (OpenAIServiceException e) {
            throw ChatModelException.status(e.statusCode(), describe(e),
                    RetryAfter.of(e.headers()::values), e);
        } catch (OpenAIIoException e) {
            throw new ChatModelException(timedOut(e) ? ChatModelException.Kind.TIMEOUT : ChatModelException.Kind.IO,
                    String.valueOf(e.getMessage()), Optional.empty(), e);
        } catch (OpenAIInvalidDataException e) {
            throw new ChatModelException(ChatModelException.Kind.MALFORMED, "not a Chat Completions reply ("
                    + abbreviate(String.valueOf(e.getMessage())) + ")", Optional.empty(), e);
        }
    }

    private static void messages(ChatCompletionCreateParams.Builder params, List<ChatMessage> messages) {
        for (ChatMessage m : messages) {
            if (m instanceof ChatMessage.User u) {
                params.addUserMessage(u.text());
            } else if (m instanceof ChatMessage.Assistant a) {
                params.addMessage(a.echo() instanceof ChatCompletionAssistantMessageParam p ? p : said(a));
            } else if (m instanceof ChatMessage.ToolReplies r) {
                for (ChatMessage.ToolReply reply : r.replies()) {
                    params.addMessage(ChatCompletionToolMessageParam.builder().toolCallId(reply.call().id())
                            .content(reply.error() ? "Error: " + reply.content() : reply.content()).build());
                }
                if (r.note() != null) {
                    params.addUserMessage(r.note());
                }
            }
        }
    }

    /** The model's message rebuilt, for a server that gave no ids (ours are then made up, consistently). */
    private static ChatCompletionAssistantMessageParam said(ChatMessage.Assistant a) {
        ChatCompletionAssistantMessageParam.Builder b = ChatCompletionAssistantMessageParam.builder();
        if (!a.text().isBlank()) {
            b.content(a.text());
        }
        for (ChatToolCall c : a.calls()) {
            b.addToolCall(ChatCompletionMessageFunctionToolCall.builder().id(c.id())
                    .function(ChatCompletionMessageFunctionToolCall.Function.builder().name(c.name())
                            .arguments(write(c.args())).build())
                    .build());
        }
        return b.build();
    }

    private static ChatAnswer answer(ChatCompletion completion) {
        Usage usage = completion.usage().map(u -> new Usage(u.promptTokens(), u.completionTokens(), 0))
                .orElse(Usage.NONE);
        if (completion.choices().isEmpty()) {
            return new ChatAnswer(null, usage);
        }
        ChatCompletionMessage message = completion.choices().get(0).message();
        String text = THINKING.matcher(message.content().orElse("")).replaceAll("").trim();
        List<ChatToolCall> calls = new ArrayList<>();
        boolean allIds = true;
        for (ChatCompletionMessageToolCall tc : message.toolCalls().orElse(List.of())) {
            if (tc.function().isEmpty()) {
                continue;
            }
            ChatCompletionMessageFunctionToolCall fc = tc.asFunction();
            String id = fc._id().asString().filter(s -> !s.isBlank()).orElse(null);
            allIds &= id != null;
            calls.add(call(id != null ? id : "call_" + calls.size(), fc.function()));
        }
        if (text.isEmpty() && calls.isEmpty()) {
            return new ChatAnswer(null, usage);
        }
        return new ChatAnswer(new ChatMessage.Assistant(text, calls, allIds ? message.toParam() : null), usage);
    }

    /** A call as the model made it; arguments that are no JSON object are kept as the reason, for the loop to tell. */
    private static ChatToolCall call(String id, ChatCompletionMessageFunctionToolCall.Function f) {
        String name = f._name().asString().orElse("");
        Optional<String> raw = f._arguments().asString();
        if (raw.isEmpty()) {
            // Some servers send the arguments as an object rather than a string holding one: take it as it is.
            try {
                return ChatToolCall.of(id, name, f._arguments().asUnknown().map(v -> v.convert(
                        new TypeReference<Map<String, Object>>() { })).orElse(Map.of()));
            } catch (RuntimeException e) {
                return new ChatToolCall(id, name, Map.of(), "not a JSON object");
            }
        }
        String args = raw.get().isBlank() ? "{}" : raw.get();
        try {
            Map<String, Object> parsed = JSON.readValue(args, new TypeReference<Map<String, Object>>() { });
            return ChatToolCall.of(id, name, parsed == null ? Map.of() : parsed);
        } catch (java.io.IOException e) {
            return new ChatToolCall(id, name, Map.of(), "not a JSON object (" + abbreviate(args) + ")");
        }
    }

    /** {@code 429 Rate limit reached}: the status and the server's own message, not its whole body. */
    private static String describe(OpenAIServiceException e) {
        String detail;
        try {
            // The SDK hands over the body's "error" object, or the whole body when it has none.
            Object body = e.body().convert(Object.class);
            Object error = body instanceof Map<?, ?> b && b.containsKey("error") ? b.get("error") : body;
            detail = error instanceof Map<?, ?> m && m.get("message") != null ? String.valueOf(m.get("message"))
                    // Some servers answer {"error": "model 'x' not found"}.
                    : error instanceof String text ? text : "";
        } catch (RuntimeException notJson) {
            detail = "";
        }
        return e.statusCode() + (detail.isBlank() ? "" : " " + abbreviate(detail.strip()));
    }

    private static Map<String, JsonValue> json(Map<String, Object> schema) {
        Map<String, JsonValue> out = new java.util.LinkedHashMap<>();
        schema.forEach((k, v) -> out.put(k, JsonValue.from(v)));
        return out;
    }

    private static String write(Map<String, Object> args) {
        try {
            return JSON.writeValueAsString(args);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.InterruptedIOException
                    || (t.getMessage() != null && t.getMessage().toLowerCase(java.util.Locale.ROOT).contains("timeout"))) {
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
