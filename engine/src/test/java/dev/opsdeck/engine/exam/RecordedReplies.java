package dev.opsdeck.engine.exam;

import static dev.opsdeck.engine.reasoning.gemini.StubGemini.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opsdeck.engine.reasoning.gemini.StubGemini.Call;
import dev.opsdeck.engine.reasoning.gemini.StubScript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A model's replies to exam cases, recorded as data (one JSON file per case, {@code recorded/CASE.json}): for each
 * agent, what it answers at each step of its turn (its text and tool calls), looked up by the case's system in the
 * request and by how many replies the conversation already holds; past the last recorded one it repeats the last, as
 * a model that keeps its mind. Nothing here reads the metrics or the rules: a recorded answer is right or wrong
 * whatever the probes return, which is what makes the exam of an adapter deterministic and not a copy of the rules.
 * The replies are written in Gemini's wire form; the Chat Completions stand-in translates them.
 */
public final class RecordedReplies {

    /** One case's recording: its system (how a request is told apart) and each agent's replies in order. */
    record Recording(String caseName, String system, Map<String, List<JsonNode>> replies) {
    }

    private final List<Recording> recordings;

    private RecordedReplies(List<Recording> recordings) {
        this.recordings = List.copyOf(recordings);
    }

    /** Every {@code *.json} in {@code dir}, each named after its case. */
    public static RecordedReplies load(Path dir) {
        List<Recording> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode root = JSON.readTree(f.toFile());
                Map<String, List<JsonNode>> replies = new LinkedHashMap<>();
                root.path("replies").fields().forEachRemaining(agent -> {
                    List<JsonNode> steps = new ArrayList<>();
                    agent.getValue().forEach(step -> steps.add(wire(step)));
                    replies.put(agent.getKey(), steps);
                });
                String name = f.getFileName().toString();
                out.add(new Recording(name.substring(0, name.length() - ".json".length()),
                        root.path("system").asText(), replies));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the recorded replies in " + dir, e);
        }
        return new RecordedReplies(out);
    }

    public List<String> cases() {
        return recordings.stream().map(Recording::caseName).toList();
    }

    /** The recorded reply to this request in Gemini's wire form, or null when none was recorded for it. */
    public JsonNode reply(Call call) {
        if (call.agent() == null) {
            return null;
        }
        String transcript = call.texts();
        for (Recording r : recordings) {
            if (transcript.contains("System: " + r.system() + ".")) {
                List<JsonNode> steps = r.replies().get(call.agent().displayName());
                return steps == null || steps.isEmpty() ? null : steps.get(Math.min(call.step(), steps.size() - 1));
            }
        }
        return null;
    }

    /** {@code {"text": …, "calls": [{"name": …, "args": {…}}]}} as a generateContent response. */
    private static JsonNode wire(JsonNode step) {
        List<ObjectNode> calls = new ArrayList<>();
        step.path("calls").forEach(c -> {
            ObjectNode part = JSON.createObjectNode();
            part.putObject("functionCall").put("name", c.path("name").asText()).set("args", c.path("args"));
            calls.add(part);
        });
        return StubScript.reply(step.has("text") ? step.get("text").asText() : null, calls.toArray(ObjectNode[]::new));
    }
}
