package dev.opsdeck.engine.flow;

import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.reasoning.Reasoner;
import dev.opsdeck.engine.reasoning.ReasoningException;
import dev.opsdeck.engine.reasoning.Reply;
import dev.opsdeck.engine.reasoning.ToolBox;
import dev.opsdeck.engine.reasoning.ToolCall;
import dev.opsdeck.engine.reasoning.TurnRequest;
import dev.opsdeck.engine.reasoning.offline.OfflineRules;
import dev.opsdeck.engine.store.StoreException;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.ticket.Usage;
import dev.opsdeck.engine.workflow.Envelope;
import dev.opsdeck.engine.workflow.Stage;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes agent turns for a flow, on the engine's turn pool: asks the reasoning, checks the answer against the
 * agent's own tools, posts one envelope. A backend that fails or answers something unusable is reported and that
 * turn is retaken by the offline rules, so a flow never hangs on a model.
 */
final class Turns {

    private static final Logger log = LoggerFactory.getLogger(Turns.class);

    record Context(Stage stage, Ticket ticket, List<Envelope> transcript) {
    }

    private final Flow flow;
    private final FlowDesk desks;

    Turns(Flow flow) {
        this.flow = flow;
        this.desks = flow.ctx.tools();
    }

    void take(String channelId, Agent agent) {
        try {
            Optional<Context> context = flow.turnContext(channelId, agent);
            if (context.isEmpty()) {
                return;
            }
            Reasoner fallback = flow.ctx.fallback();
            boolean capped = capped(context.get().ticket());
            Reasoner primary = capped ? fallback : flow.ctx.reasoner();
            String why;
            try {
                Reply reply = primary.think(request(context.get(), agent));
                if (capped && reply != null) {
                    reply = new Reply(reply.calls(), reply.body(), reply.backend() + " (token cap)", reply.usage());
                }
                charge(channelId, agent, reply == null ? Usage.NONE : reply.usage());
                why = problem(agent, reply, reply != null && OfflineRules.NAME.equals(reply.backend()));
                if (why == null) {
                    Optional<String> refused = flow.acceptOn(channelId, post(agent, reply, null));
                    if (refused.isEmpty() || flow.turnContext(channelId, agent).isEmpty()) {
                        refused.ifPresent(r -> log.debug("late turn of {} dropped: {}", agent.displayName(), r));
                        return;
                    }
                    why = refused.get();
                }
            } catch (ReasoningException e) {
                charge(channelId, agent, e.usage());
                why = e.getMessage() == null ? e.toString() : e.getMessage();
            } catch (RuntimeException e) {
                if (StoreException.retryable(e)) {
                    flow.hold(e);
                    return;
                }
                why = e.getMessage() == null ? e.toString() : e.getMessage();
            }
            if (primary == fallback) {
                flow.fail(agent.displayName() + "'s rules failed: " + why);
                return;
            }
            flow.ctx.stream().publish(new EngineEvent.ErrorReported("flow",
                    flow.ticketId + " " + agent.displayName() + ": " + why + "; the rules take this turn"));
            Reply rules = fallback.think(request(context.get(), agent));
            flow.acceptOn(channelId, post(agent, rules, why)).ifPresent(r -> flow.fail(agent.displayName() + ": " + r));
        } catch (RuntimeException e) {
            if (StoreException.retryable(e)) {
                flow.hold(e);
                return;
            }
            log.error("turn of {} on {} failed", agent.displayName(), channelId, e);
            flow.fail(agent.displayName() + "'s turn failed: " + e.getMessage());
        }
    }

    /** Whether the ticket has spent its model tokens, so its remaining turns go to the rules directly. */
    private boolean capped(Ticket ticket) {
        long cap = flow.ctx.tokenCap();
        if (cap > 0 && ticket.usage().total() >= cap) {
            log.info("{} reached its token cap ({} of {}): the rules take its turns", ticket.id(),
                    ticket.usage().total(), cap);
            return true;
        }
        return false;
    }

    /**
     * Adds a turn's model usage to its ticket, before the post: the post may fire the next turn (which checks the
     * cap) or end the flow (whose summary shows the usage). Tokens of an answer that is then refused were spent all
     * the same; a turn the flow no longer wants (a reset) changes nothing.
     */
    private void charge(String channelId, Agent agent, Usage used) {
        if (used != null && (used.total() > 0 || used.modelTurns() > 0)
                && flow.turnContext(channelId, agent).isPresent()) {
            flow.ctx.tickets().change(flow.ticketId, t -> t.withUsage(t.usage().plus(used)));
        }
    }

    private TurnRequest request(Context c, Agent agent) {
        ToolBox box = new ToolBox(agent, desks.deskFor(c.ticket(), flow.incident));
        return new TurnRequest(c.stage(), agent, c.ticket(), c.transcript(), box);
    }

    /** What is wrong with a backend's answer, or null. The rules may end a turn without routing (nothing found). */
    private static String problem(Agent agent, Reply reply, boolean rules) {
        if (reply == null) {
            return "no answer";
        }
        for (ToolCall call : reply.calls()) {
            Optional<String> misfit = agent.tool(call.name()).map(t -> t.misfit(call.args()))
                    .orElse(Optional.of("called undeclared tool '" + call.name() + "'"));
            if (misfit.isPresent()) {
                return misfit.get();
            }
        }
        if (!rules && routing(agent, reply).isEmpty()) {
            return "model returned no routing call";
        }
        return null;
    }

    private static Optional<ToolCall> routing(Agent agent, Reply reply) {
        return reply.calls().stream().filter(c -> agent.routesWith(c.name())).findFirst();
    }

    private static Post post(Agent agent, Reply reply, String fallbackWhy) {
        String body = reply.body() == null ? "" : reply.body();
        String backend = reply.backend();
        if (fallbackWhy != null) {
            body = body + " (rules fallback: " + fallbackWhy + ")";
            backend = reply.backend() + Envelope.FALLBACK;
        }
        Optional<ToolCall> routing = routing(agent, reply);
        return new Post(agent, null, routing.map(ToolCall::name).orElse(null),
                routing.map(ToolCall::args).orElse(null), body, backend);
    }
}
