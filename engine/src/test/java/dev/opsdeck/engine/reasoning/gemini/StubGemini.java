package dev.opsdeck.engine.reasoning.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.opsdeck.engine.agent.Agent;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for the Gemini API, for the real SDK to talk to: a JDK {@code HttpServer} on 127.0.0.1, port 0.
 * Each {@code generateContent} request is parsed (never compared as a string: the SDK's field order varies), the
 * agent is recognised by the set of functions it declares (each agent holds a different set), and the answer comes
 * from a {@link Behaviour}: by default the {@link StubScript}'s happy path, which tests wrap to inject faults.
 * Every request is recorded with its timing so tests can check what was sent and benchmarks can see overlap.
 */
public final class StubGemini implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();

    /** One request the SDK sent, as the stub understood it. */
    public record Call(Agent agent, Set<String> tools, String systemInstruction, JsonNode body, int step, int nthOfAgent,
            long startNanos, long endNanos, String model) {

        /** Every text the request's contents carry, joined: the transcript plus any correction. */
        public String texts() {
            List<String> out = new ArrayList<>();
            body.path("contents").forEach(c -> c.path("parts").forEach(p -> {
                if (p.has("text")) {
                    out.add(p.get("text").asText());
                }
            }));
            return String.join("\n", out);
        }

        /** The results the agent's probes returned, from the functionResponse parts sent back. */
        public List<String> functionResults() {
            List<String> out = new ArrayList<>();
            body.path("contents").forEach(c -> c.path("parts").forEach(p -> {
                JsonNode r = p.path("functionResponse").path("response");
                if (r.has("result")) {
                    out.add(r.get("result").asText());
                }
            }));
            return out;
        }

        /** The last user message's error line, if the engine told the model it erred. */
        public boolean toldOfError() {
            return texts().contains("Error: ") || body.toString().contains("\"error\"");
        }

        public Call finished(long end) {
            return new Call(agent, tools, systemInstruction, body, step, nthOfAgent, startNanos, end, model);
        }
    }

    /** What the stub sends back: a status, a JSON body, after a delay. */
    record Answer(int status, String body, Duration delay) {

        static Answer ok(JsonNode json) {
            return new Answer(200, json.toString(), Duration.ZERO);
        }

        static Answer error(int status, String apiStatus, String message) {
            ObjectNode root = JSON.createObjectNode();
            ObjectNode error = root.putObject("error");
            error.put("code", status).put("message", message).put("status", apiStatus);
            return new Answer(status, root.toString(), Duration.ZERO);
        }

        Answer after(Duration d) {
            return new Answer(status, body, d);
        }
    }

    /** Decides the answer to a call; {@code script} is the happy path, to delegate to. */
    @FunctionalInterface
    interface Behaviour {
        Answer answer(Call call, StubScript script);
    }

    private final StubHttp http;
    private final StubScript script = new StubScript();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile Behaviour behaviour = (call, s) -> Answer.ok(s.answer(call));
    private volatile Duration latency = Duration.ZERO;

    private StubGemini(int port) throws IOException {
        http = StubHttp.start(port, "stub-gemini", this::handle);
    }

    static StubGemini start() {
        return start(0);
    }

    /** On 127.0.0.1:{@code port}; 0 picks a free one (tests always do). */
    static StubGemini start(int port) {
        try {
            return new StubGemini(port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the stub Gemini server on port " + port + ": " + e.getMessage(), e);
        }
    }

    /**
     * Serves {@code replies}: the Gemini-shaped reply to each call, or null when there is none, which is answered 400
     * as a server refuses a request it cannot serve (the engine then gives the turn to the rules).
     */
    public static StubGemini replaying(java.util.function.Function<Call, JsonNode> replies) {
        return start().behave((call, script) -> {
            JsonNode r = replies.apply(call);
            return r == null ? Answer.error(400, "INVALID_ARGUMENT", "no recorded reply for this request") : Answer.ok(r);
        });
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + http.port();
    }

    StubGemini behave(Behaviour b) {
        this.behaviour = b;
        return this;
    }

    /** A fixed delay before every answer, like a real model's latency. */
    StubGemini latency(Duration d) {
        this.latency = d;
        return this;
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    List<Call> callsOf(Agent agent) {
        return calls.stream().filter(c -> c.agent() == agent).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        long start = System.nanoTime();
        try (ex) {
            // The v1beta API, as the adapter asks for it (the SDK's own default moved to v1 in 2.0).
            String endpoint = ex.getRequestURI().getPath();
            if (!ex.getRequestMethod().equals("POST") || !endpoint.startsWith("/v1beta/models/")
                    || !endpoint.endsWith(":generateContent")) {
                send(ex, Answer.error(404, "NOT_FOUND", "stub serves v1beta generateContent only"));
                return;
            }
            JsonNode body = JSON.readTree(ex.getRequestBody());
            Set<String> tools = new TreeSet<>();
            body.path("tools").forEach(t -> t.path("functionDeclarations").forEach(f -> tools.add(f.path("name").asText())));
            StringBuilder system = new StringBuilder();
            body.path("systemInstruction").path("parts").forEach(p -> system.append(p.path("text").asText()));
            Agent agent = StubHttp.agentOf(tools, system.toString());
            int step = 0;
            for (JsonNode c : body.path("contents")) {
                if ("model".equals(c.path("role").asText())) {
                    step++;
                }
            }
            int nth = http.nthOf(agent);
            String path = ex.getRequestURI().getPath();
            String model = path.substring(path.lastIndexOf('/') + 1, path.lastIndexOf(':'));
            Call call = new Call(agent, tools, system.toString(), body, step, nth, start, 0, model);
            Answer answer = agent == null ? Answer.error(400, "INVALID_ARGUMENT", "stub: unknown tool set " + tools)
                    : behaviour.answer(call, script);
            long wait = latency.plus(answer.delay()).toMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            // Recorded before the answer goes out: a client that timed out is gone by then.
            calls.add(call.finished(System.nanoTime()));
            send(ex, answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            send(ex, Answer.error(500, "INTERNAL", "stub failed: " + e));
        }
    }

    private static void send(HttpExchange ex, Answer a) throws IOException {
        StubHttp.send(ex, a.status(), a.body(), "application/json; charset=UTF-8", Map.of());
    }

    @Override
    public void close() {
        http.close();
    }
}
