package dev.opsdeck.engine.reasoning.chat;

import dev.opsdeck.engine.agent.ToolSpec;
import dev.opsdeck.engine.agent.Tools;
import dev.opsdeck.engine.reasoning.ReasoningException;
import dev.opsdeck.engine.reasoning.Reply;
import dev.opsdeck.engine.reasoning.ToolCall;
import dev.opsdeck.engine.reasoning.TurnRequest;
import dev.opsdeck.engine.ticket.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent turn as a tool-calling loop, whichever model answers: ask the model, run the probe calls it makes
 * through the agent's tool box and hand their results back, until it calls a routing tool. Whatever the model
 * answers, the structure holds: a call the agent may not make, arguments that do not fit or cannot be read, an empty
 * answer or an answer without a routing call is told to the model once, with the reason, so it can correct itself;
 * a second such answer, or running out of model calls, ends the turn with a {@link ReasoningException} and the
 * engine lets the rules take it (said in the envelope).
 */
final class ChatTurn {

    private static final Logger log = LoggerFactory.getLogger(ChatTurn.class);

    private final TurnRequest req;
    private final Function<List<ChatMessage>, ChatAnswer> model;
    private final int maxCalls;
    private final String backend;
    private final List<ChatMessage> messages = new ArrayList<>();
    private final List<ToolCall> calls = new ArrayList<>();
    private long promptTokens;
    private long outputTokens;
    private boolean corrected;

    ChatTurn(TurnRequest req, Function<List<ChatMessage>, ChatAnswer> model, int maxCalls, String backend) {
        this.req = req;
        this.model = model;
        this.maxCalls = maxCalls;
        this.backend = backend;
    }

    Reply run() {
        messages.add(TranscriptPrompt.of(req.agent(), req.transcript()));
        for (int n = 1; n <= maxCalls; n++) {
            Optional<ChatMessage.Assistant> said = Optional.ofNullable(ask().said());
            List<ChatToolCall> asked = said.map(ChatMessage.Assistant::calls).orElse(List.of());
            String text = said.map(ChatMessage.Assistant::text).orElse("").trim();
            if (asked.isEmpty()) {
                correct(said.isEmpty() ? "model returned an empty response" : "model returned no routing call",
                        said, List.of());
                continue;
            }
            List<ChatMessage.ToolReply> answers = new ArrayList<>();
            String problem = null;
            for (ChatToolCall asks : asked) {
                Optional<String> refused = refusal(asks);
                if (refused.isPresent()) {
                    problem = problem == null ? refused.get() : problem;
                    answers.add(new ChatMessage.ToolReply(asks, true, refused.get()));
                    continue;
                }
                ToolCall call = req.tools().call(asks.name(), asks.args());
                calls.add(call);
                if (req.agent().routesWith(asks.name())) {
                    if (problem != null) {
                        log.debug("{}: ignoring a refused call in a response that routed: {}", agent(), problem);
                    }
                    return new Reply(calls, closing(text, call), backend, usage());
                }
                answers.add(new ChatMessage.ToolReply(asks, false, call.result()));
            }
            if (problem != null) {
                correct(problem, said, answers);
            } else {
                said.ifPresent(messages::add);
                messages.add(new ChatMessage.ToolReplies(answers, null));
            }
        }
        throw new ReasoningException("model returned no routing call within " + maxCalls + " model call(s)", usage());
    }

    /** Why a call cannot run: arguments that could not be read, else the tool box's refusal. */
    private Optional<String> refusal(ChatToolCall asks) {
        if (asks.badArgs() != null) {
            return Optional.of("the arguments of '" + asks.name() + "' could not be read: " + asks.badArgs());
        }
        return req.tools().refusal(asks.name(), asks.args());
    }

    private ChatAnswer ask() {
        try {
            ChatAnswer a = model.apply(List.copyOf(messages));
            promptTokens += a.usage().promptTokens();
            outputTokens += a.usage().outputTokens();
            return a;
        } catch (ReasoningException e) {
            throw new ReasoningException(e.getMessage(), usage(), e);
        }
    }

    /** Tells the model what was wrong, once per turn; the second time the turn is given up. */
    private void correct(String problem, Optional<ChatMessage.Assistant> said, List<ChatMessage.ToolReply> answers) {
        if (corrected) {
            throw new ReasoningException(problem, usage());
        }
        corrected = true;
        log.info("{}: {}; asking the model to correct itself", agent(), problem);
        said.ifPresent(messages::add);
        String routing = req.agent().routing().stream().map(ToolSpec::name).collect(Collectors.joining(" or "));
        messages.add(new ChatMessage.ToolReplies(answers, "Error: " + problem + ". Your tools are "
                + req.tools().specs().stream().map(ToolSpec::name).toList()
                + "; end your turn now with exactly one valid call of " + routing + "."));
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
