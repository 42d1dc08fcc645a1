package dev.opsdeck.engine.reasoning.gemini;

import com.google.genai.types.Content;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.FunctionResponse;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.Part;
import dev.opsdeck.engine.agent.ToolSpec;
import dev.opsdeck.engine.agent.Tools;
import dev.opsdeck.engine.reasoning.ReasoningException;
import dev.opsdeck.engine.reasoning.Reply;
import dev.opsdeck.engine.reasoning.ToolCall;
import dev.opsdeck.engine.reasoning.TurnRequest;
import dev.opsdeck.engine.ticket.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent turn as a function-calling loop: ask the model, run the probe calls it makes through the agent's tool
 * box and hand their results back, until it calls a routing tool. Whatever the model answers, the structure holds:
 * a call the agent may not make, arguments that do not fit, an empty answer or an answer without a routing call is
 * told to the model once, with the reason, so it can correct itself; a second such answer, or running out of model
 * calls, ends the turn with a {@link ReasoningException} and the engine lets the rules take it.
 */
final class GeminiTurn {

    private static final Logger log = LoggerFactory.getLogger(GeminiTurn.class);

    private final TurnRequest req;
    private final Function<List<Content>, GenerateContentResponse> model;
    private final int maxCalls;
    private final String backend;
    private final List<Content> contents = new ArrayList<>();
    private final List<ToolCall> calls = new ArrayList<>();
    private long promptTokens;
    private long outputTokens;
    private boolean corrected;

    GeminiTurn(TurnRequest req, Function<List<Content>, GenerateContentResponse> model, int maxCalls, String backend) {
        this.req = req;
        this.model = model;
        this.maxCalls = maxCalls;
        this.backend = backend;
    }

    Reply run() {
        contents.add(TranscriptPrompt.of(req.agent(), req.transcript()));
        for (int n = 1; n <= maxCalls; n++) {
            GenerateContentResponse response = ask();
            // Sent back as it came (thought signatures included), as the model's turn: the API wants the role.
            Optional<Content> said = response.candidates().flatMap(c -> c.isEmpty() ? Optional.empty()
                    : c.get(0).content()).filter(c -> c.parts().map(p -> !p.isEmpty()).orElse(false))
                    .map(c -> c.role().isPresent() ? c : c.toBuilder().role("model").build());
            List<FunctionCall> asked = response.functionCalls() == null ? List.of() : response.functionCalls();
            String text = said.map(GeminiTurn::text).orElse("");
            if (asked.isEmpty()) {
                correct(said.isEmpty() ? "model returned an empty response" : "model returned no routing call",
                        said, List.of());
                continue;
            }
            List<Part> answers = new ArrayList<>();
            String problem = null;
            for (FunctionCall fc : asked) {
                String name = fc.name().orElse("");
                Map<String, Object> args = fc.args().orElse(Map.of());
                Optional<String> refused = req.tools().refusal(name, args);
                if (refused.isPresent()) {
                    problem = problem == null ? refused.get() : problem;
                    answers.add(answer(fc, Map.of("error", refused.get())));
                    continue;
                }
                ToolCall call = req.tools().call(name, args);
                calls.add(call);
                if (req.agent().routesWith(name)) {
                    if (problem != null) {
                        log.debug("{}: ignoring a refused call in a response that routed: {}", agent(), problem);
                    }
                    return new Reply(calls, closing(text, call), backend, usage());
                }
                answers.add(answer(fc, Map.of("result", call.result())));
            }
            if (problem != null) {
                correct(problem, said, answers);
            } else {
                said.ifPresent(contents::add);
                contents.add(Content.builder().role("user").parts(answers).build());
            }
        }
        throw new ReasoningException("model returned no routing call within " + maxCalls + " model call(s)", usage());
    }

    private GenerateContentResponse ask() {
        try {
            GenerateContentResponse r = model.apply(List.copyOf(contents));
            r.usageMetadata().ifPresent(u -> {
                promptTokens += u.promptTokenCount().orElse(0);
                // Thinking tokens are billed as output.
                outputTokens += u.candidatesTokenCount().orElse(0) + u.thoughtsTokenCount().orElse(0);
            });
            return r;
        } catch (ReasoningException e) {
            throw new ReasoningException(e.getMessage(), usage(), e);
        }
    }

    /** Tells the model what was wrong, once per turn; the second time the turn is given up. */
    private void correct(String problem, Optional<Content> said, List<Part> answers) {
        if (corrected) {
            throw new ReasoningException(problem, usage());
        }
        corrected = true;
        log.info("{}: {}; asking the model to correct itself", agent(), problem);
        said.ifPresent(contents::add);
        List<Part> parts = new ArrayList<>(answers);
        String routing = req.agent().routing().stream().map(ToolSpec::name).collect(Collectors.joining(" or "));
        parts.add(Part.fromText("Error: " + problem + ". Your tools are " + req.tools().specs().stream()
                .map(ToolSpec::name).toList() + "; end your turn now with exactly one valid call of " + routing + "."));
        contents.add(Content.builder().role("user").parts(parts).build());
    }

    private static Part answer(FunctionCall fc, Map<String, Object> response) {
        FunctionResponse.Builder r = FunctionResponse.builder().name(fc.name().orElse("")).response(response);
        fc.id().ifPresent(r::id);
        return Part.builder().functionResponse(r.build()).build();
    }

    private static String text(Content c) {
        return c.parts().orElse(List.of()).stream()
                .filter(p -> !p.thought().orElse(false))
                .map(p -> p.text().orElse(""))
                .filter(t -> !t.isBlank())
                .collect(Collectors.joining(" ")).trim();
    }

    /**
     * The envelope's body: the model's closing sentence, or the routing tool's acknowledgement when it wrote none.
     * The lookup's result is what IntakeDecide decides on, and envelopes carry no tool results, so it always stays.
     */
    private static String closing(String text, ToolCall routed) {
        if (text.isBlank()) {
            return routed.result();
        }
        if (routed.name().equals(Tools.LIST_RECENT_TICKETS.name()) && !text.contains(routed.result())) {
            return text + " " + routed.result();
        }
        return text;
    }

    private Usage usage() {
        return new Usage(promptTokens, outputTokens, 1);
    }

    private String agent() {
        return req.ticket().id() + " " + req.agent().displayName();
    }
}
