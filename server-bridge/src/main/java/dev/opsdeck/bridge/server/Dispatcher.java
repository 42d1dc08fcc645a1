package dev.opsdeck.bridge.server;

import dev.opsdeck.bridge.wire.BadRequest;
import dev.opsdeck.bridge.wire.ClientRequest;
import dev.opsdeck.bridge.wire.WireFormat;
import dev.opsdeck.engine.Engine;
import dev.opsdeck.engine.InjectResult;
import dev.opsdeck.engine.Injection;
import dev.opsdeck.engine.flow.Answer;
import dev.opsdeck.engine.ticket.Act;
import java.util.Optional;

/**
 * Carries a client's request out on the engine. What everyone should see (a ticket, an {@code inject_ignored}, a
 * {@code hitl_resolved}) comes back on the engine's stream; only what concerns that client alone (its pong, the
 * ticket its inject opened, the actions an override may choose, its refused request) is returned here.
 */
final class Dispatcher {

    private final Engine engine;
    private final java.util.function.DoubleSupplier now;

    Dispatcher(Engine engine, java.util.function.DoubleSupplier now) {
        this.engine = engine;
        this.now = now;
    }

    /** @return the frame for this client alone (a pong, the ticket an inject with an id opened), or empty */
    Optional<String> handle(ClientRequest request, String by) throws BadRequest {
        if (request instanceof ClientRequest.Inject r) {
            return opened(engine.inject(Injection.of(r.incident()).withRequestId(r.requestId())), r.requestId());
        } else if (request instanceof ClientRequest.InjectRepeat) {
            engine.injectRepeat();
        } else if (request instanceof ClientRequest.InjectCustom r) {
            Injection custom = Injection.custom(r.system(), r.issue(), r.sev(), r.description())
                    .withRequestId(r.requestId());
            Optional<String> invalid = custom.invalid();
            if (invalid.isPresent()) {
                throw new BadRequest("custom incident: " + invalid.get());
            }
            return opened(engine.inject(custom), r.requestId());
        } else if (request instanceof ClientRequest.SignOffAnswer r) {
            Answer answer = engine.answer(r.channelId(), r.decision(), r.note(), by, r.requestId());
            if (!answer.accepted()) {
                throw new BadRequest(answer.reason(), r.requestId());
            }
        } else if (request instanceof ClientRequest.Acknowledge r) {
            refuseUnless(engine.acknowledge(r.ticketId(), by, r.requestId()), r.requestId());
        } else if (request instanceof ClientRequest.Comment r) {
            refuseUnless(engine.comment(r.ticketId(), by, r.text(), r.requestId()), r.requestId());
        } else if (request instanceof ClientRequest.RequestChanges r) {
            refuseUnless(engine.requestChanges(channelOf(r.channelId(), r.ticketId(), r.requestId()), r.feedback(), by,
                    r.requestId()), r.requestId());
        } else if (request instanceof ClientRequest.OverrideProposal r) {
            String channel = channelOf(r.channelId(), r.ticketId(), r.requestId());
            refuseUnless(r.byHand() ? engine.doneByHand(channel, r.action(), r.note(), by, r.requestId())
                    : engine.override(channel, r.action(), r.note(), by, r.requestId()), r.requestId());
        } else if (request instanceof ClientRequest.FittingActions r) {
            return Optional.of(WireFormat.fittingActions(r.requestId(), r.ticketId(), engine.fittingActions(r.ticketId()),
                    now.getAsDouble()));
        } else if (request instanceof ClientRequest.Start r) {
            if (r.reset()) {
                engine.startSimulation();
            } else {
                engine.resumeSimulation();
            }
        } else if (request instanceof ClientRequest.Stop) {
            engine.stopSimulation();
        } else if (request instanceof ClientRequest.Reset) {
            engine.reset();
        } else if (request instanceof ClientRequest.Ping) {
            return Optional.of(WireFormat.pong(now.getAsDouble()));
        }
        return Optional.empty();
    }

    /** A refused inject is told to everyone ({@code inject_ignored}, with its id); an opened one to its sender here. */
    private Optional<String> opened(InjectResult result, String requestId) {
        if (!result.accepted() || requestId == null) {
            return Optional.empty();
        }
        return Optional.of(WireFormat.injectAccepted(requestId, result.ticketId(), result.incident(),
                now.getAsDouble()));
    }

    /** The channel named, or the one whose sign-off the ticket named waits for. */
    private String channelOf(String channelId, String ticketId, String requestId) throws BadRequest {
        if (channelId != null) {
            return channelId;
        }
        return engine.signOffChannel(ticketId).orElseThrow(() -> new BadRequest("no sign-off waits on ticket "
                + ticketId, requestId));
    }

    private static void refuseUnless(Answer answer, String requestId) throws BadRequest {
        if (!answer.accepted()) {
            throw new BadRequest(answer.reason(), requestId);
        }
    }

    private static void refuseUnless(Act act, String requestId) throws BadRequest {
        if (!act.accepted()) {
            throw new BadRequest(act.reason(), requestId);
        }
    }
}
