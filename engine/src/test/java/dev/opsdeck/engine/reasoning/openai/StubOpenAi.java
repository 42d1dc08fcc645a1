package dev.opsdeck.engine.reasoning.openai;

import static dev.opsdeck.engine.reasoning.gemini.StubGemini.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.reasoning.gemini.StubGemini.Call;
import dev.opsdeck.engine.reasoning.gemini.StubHttp;
import dev.opsdeck.engine.reasoning.gemini.StubScript;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for an OpenAI-compatible server (what Ollama, vLLM or a llama.cpp server expose), for the real
 * {@code openai-java} SDK to talk to: a JDK {@code HttpServer} on 127.0.0.1, port 0, serving
 * {@code POST /v1/chat/completions}. Each request is parsed, the agent recognised by its system message and the
 * functions it declares, and the answer is, by default, the same happy path the Gemini stub serves
 * ({@link StubScript}, read through a translation of the conversation), turned into a Chat Completions reply with
 * tool calls. Tests wrap it to inject faults: error statuses with headers, delays, malformed tool calls.
 */
public final class StubOpenAi implements AutoCloseable {

    /** One request as the stub understood it: the Gemini-shaped call the script reads, the raw body and headers. */
    record Request(Call call, JsonNode body, String authorization) {

        Agent agent() {
            return call.agent();
        }

        /** The {@code tool} messages the engine sent back, as they came. */
        List<String> toolMessages() {
            List<String> out = new ArrayList<>();
            body.path("messages").forEach(m -> {
                if ("tool".equals(m.path("role").asText())) {
                    out.add(text(m.path("content")));
                }
            });
            return out;
        }
    }

    /** What the stub sends back: a status, a JSON body, headers, after a delay. */
    record Answer(int status, String body, Map<String, String> headers, Duration delay) {

        static Answer ok(JsonNode json) {
            return new Answer(200, json.toString(), Map.of(), Duration.ZERO);
        }

        static Answer error(int status, String type, String message) {
            ObjectNode root = JSON.createObjectNode();
            root.putObject("error").put("message", message).put("type", type).putNull("param").put("code", type);
            return new Answer(status, root.toString(), Map.of(), Duration.ZERO);
        }

        Answer withHeader(String name, String value) {
            Map<String, String> h = new java.util.LinkedHashMap<>(headers);
            h.put(name, value);
            return new Answer(status, body, h, delay);
        }

        Answer after(Duration d) {
            return new Answer(status, body, headers, d);
        }
    }

    @FunctionalInterface
    interface Behaviour {
        /** {@code happy} is the script's answer, in Chat Completions form, to delegate to. */
        Answer answer(Request request, Answer happy);
    }

    private final StubHttp http;
    private final StubScript script = new StubScript();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile Behaviour behaviour = (request, happy) -> happy;
    private volatile java.util.function.Function<Call, JsonNode> replies;

    private StubOpenAi(int port) throws IOException {
        http = StubHttp.start(port, "stub-openai", this::handle);
    }

    static StubOpenAi start() {
        return start(0);
    }

    /** On 127.0.0.1:{@code port}; 0 picks a free one (tests always do). */
    static StubOpenAi start(int port) {
        try {
            return new StubOpenAi(port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the stub OpenAI-compatible server: " + e.getMessage(), e);
        }
    }

    /**
     * Serves {@code replies}, each written as Gemini's wire has it (the form {@link StubScript} answers in) and sent as
     * a Chat Completions reply; null, when there is none, is answered 400 (the engine then gives the turn to the
     * rules).
     */
    public static StubOpenAi replaying(java.util.function.Function<Call, JsonNode> replies) {
        StubOpenAi stub = start();
        stub.replies = replies;
        return stub;
    }

    /** The answer from the recorded replies; the script's happy path is not consulted. */
    private Answer replayed(Call call) {
        JsonNode r = replies.apply(call);
        return r == null ? Answer.error(400, "invalid_request_error", "no recorded reply for this request")
                : Answer.ok(completion(r, call.model()));
    }

    /** What a user passes as {@code --llm-base-url}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + http.port() + "/v1";
    }

    StubOpenAi behave(Behaviour b) {
        this.behaviour = b;
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requestsOf(Agent agent) {
        return requests.stream().filter(r -> r.agent() == agent).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        long start = System.nanoTime();
        try (ex) {
            if (!ex.getRequestMethod().equals("POST") || !ex.getRequestURI().getPath().equals("/v1/chat/completions")) {
                send(ex, Answer.error(404, "not_found", "stub serves POST /v1/chat/completions only"));
                return;
            }
            JsonNode body = JSON.readTree(ex.getRequestBody());
            Set<String> tools = new TreeSet<>();
            body.path("tools").forEach(t -> tools.add(t.path("function").path("name").asText()));
            String system = "";
            ArrayNode contents = JSON.createArrayNode();
            int step = 0;
            for (JsonNode m : body.path("messages")) {
                switch (m.path("role").asText()) {
                    case "system" -> system = text(m.path("content"));
                    case "user" -> contents.addObject().put("role", "user").putArray("parts").addObject()
                            .put("text", text(m.path("content")));
                    case "assistant" -> {
                        step++;
                        ArrayNode parts = contents.addObject().put("role", "model").putArray("parts");
                        if (!text(m.path("content")).isEmpty()) {
                            parts.addObject().put("text", text(m.path("content")));
                        }
                        m.path("tool_calls").forEach(tc -> parts.addObject().putObject("functionCall")
                                .put("name", tc.path("function").path("name").asText())
                                .set("args", args(tc.path("function").path("arguments").asText())));
                    }
                    case "tool" -> {
                        String content = text(m.path("content"));
                        boolean error = content.startsWith("Error: ");
                        contents.addObject().put("role", "user").putArray("parts").addObject()
                                .putObject("functionResponse").putObject("response")
                                .put(error ? "error" : "result", content);
                    }
                    default -> throw new IllegalArgumentException("unknown role " + m.path("role"));
                }
            }
            ObjectNode geminiShaped = JSON.createObjectNode();
            geminiShaped.set("contents", contents);
            Agent agent = StubHttp.agentOf(tools, system);
            int nth = http.nthOf(agent);
            String model = body.path("model").asText();
            Call call = new Call(agent, tools, system, geminiShaped, step, nth, start, 0, model);
            Request request = new Request(call, body, ex.getRequestHeaders().getFirst("Authorization"));
            Answer answer = agent == null ? Answer.error(400, "invalid_request_error", "stub: unknown tool set " + tools)
                    : replies != null ? replayed(call)
                    : behaviour.answer(request, Answer.ok(completion(script.answer(call), model)));
            if (!answer.delay().isZero()) {
                Thread.sleep(answer.delay().toMillis());
            }
            requests.add(new Request(call.finished(System.nanoTime()), body, request.authorization()));
            send(ex, answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            send(ex, Answer.error(500, "server_error", "stub failed: " + e));
        }
    }

    /** The script's Gemini-shaped answer as a Chat Completions reply: text as content, function calls as tool calls. */
    ObjectNode completion(JsonNode gemini, String model) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-" + ids.incrementAndGet()).put("object", "chat.completion").put("created", 0)
                .put("model", model);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        List<String> texts = new ArrayList<>();
        ArrayNode calls = JSON.createArrayNode();
        gemini.path("candidates").path(0).path("content").path("parts").forEach(p -> {
            if (p.has("text")) {
                texts.add(p.get("text").asText());
            }
            if (p.has("functionCall")) {
                ObjectNode tc = calls.addObject();
                tc.put("id", "call_" + ids.incrementAndGet()).put("type", "function");
                tc.putObject("function").put("name", p.path("functionCall").path("name").asText())
                        .put("arguments", p.path("functionCall").path("args").toString());
            }
        });
        if (texts.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", String.join(" ", texts));
        }
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
        choice.put("finish_reason", calls.isEmpty() ? "stop" : "tool_calls");
        JsonNode usage = gemini.path("usageMetadata");
        if (!usage.isMissingNode()) {
            root.putObject("usage").put("prompt_tokens", usage.path("promptTokenCount").asInt())
                    .put("completion_tokens", usage.path("candidatesTokenCount").asInt())
                    .put("total_tokens", usage.path("totalTokenCount").asInt());
        }
        return root;
    }

    /** A reply with one tool call whose arguments are sent exactly as given (malformed ones included). */
    ObjectNode rawToolCall(String name, String arguments, String model) {
        ObjectNode root = completion(JSON.createObjectNode(), model);
        ObjectNode message = (ObjectNode) root.path("choices").path(0).path("message");
        ObjectNode tc = message.putArray("tool_calls").addObject();
        tc.put("id", "call_" + ids.incrementAndGet()).put("type", "function");
        tc.putObject("function").put("name", name).put("arguments", arguments);
        ((ObjectNode) root.path("choices").path(0)).put("finish_reason", "tool_calls");
        return root;
    }

    private static JsonNode args(String arguments) {
        try {
            JsonNode n = JSON.readTree(arguments);
            return n != null && n.isObject() ? n : JSON.createObjectNode();
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            List<String> out = new ArrayList<>();
            content.forEach(p -> out.add(p.path("text").asText()));
            return String.join("", out);
        }
        return "";
    }

    private static void send(HttpExchange ex, Answer a) throws IOException {
        StubHttp.send(ex, a.status(), a.body(), "application/json", a.headers());
    }

    @Override
    public void close() {
        http.close();
    }
}
