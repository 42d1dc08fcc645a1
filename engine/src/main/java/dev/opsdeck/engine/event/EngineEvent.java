package dev.opsdeck.engine.event;

import dev.opsdeck.engine.ticket.ActionRecord;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Envelope;
import dev.opsdeck.engine.workflow.Stage;
import java.util.List;

/**
 * Everything the engine tells the world, one record per event type of the wire contract. The desktop, the bridge,
 * the demo and the tests all read these and nothing else; {@link #type()} is the contract's name for it.
 */
public sealed interface EngineEvent {

    String type();

    /**
     * Whether the event changes what is kept (tickets, channels, journals, sign-offs): it is on disk before anyone
     * hears of it, or nobody does. A notice (a log line, an error, a refusal) is told even when the store cannot keep
     * it: it may be the very news that the store cannot.
     */
    default boolean changesState() {
        return false;
    }

    /** A ticket was opened (diagnosis starts). */
    record TicketCreated(Ticket ticket) implements EngineEvent {
        public boolean changesState() { return true; }

        public String type() { return "ticket_created"; }
    }

    /** Any change of a ticket, carrying the whole ticket after it. */
    record TicketChanged(Ticket ticket) implements EngineEvent {
        public boolean changesState() { return true; }

        public String type() { return "ticket_status"; }
    }

    record ChannelOpened(String channelId, String ticketId, Stage stage) implements EngineEvent {
        public boolean changesState() { return true; }

        public String type() { return "channel_opened"; }
    }

    record EnvelopePosted(Envelope envelope) implements EngineEvent {
        public boolean changesState() { return true; }

        public String type() { return "envelope"; }
    }

    /**
     * The operator's sign-off is needed by {@code deadline} (epoch seconds) for exactly these {@code actions} (an
     * addition to the contract): the answer is bound to their {@link #digest()}.
     */
    record SignOffRequested(String channelId, String ticketId, List<String> fixers, String rca,
            List<String> recommendations, String prompt, double deadline, List<ActionRecord> actions)
            implements EngineEvent {
        public boolean changesState() { return true; }

        public SignOffRequested {
            fixers = List.copyOf(fixers);
            recommendations = List.copyOf(recommendations);
            actions = List.copyOf(actions == null ? List.of() : actions);
        }

        /** A request with no runbook action to decide on. */
        public SignOffRequested(String channelId, String ticketId, List<String> fixers, String rca,
                List<String> recommendations, String prompt, double deadline) {
            this(channelId, ticketId, fixers, rca, recommendations, prompt, deadline, List.of());
        }

        /** One digest over every action shown: what an approval approves. Empty when there is none. */
        public String digest() {
            return actions.isEmpty() ? "" : ActionRecord.digestOf(actions);
        }

        public String type() { return "hitl_requested"; }
    }

    /**
     * A sign-off was answered, declined or expired; exactly one per request. {@code requestId} (ext): the id the
     * answering client gave its {@code hitl_response}, on whichever server of a team took it; null otherwise.
     */
    record SignOffResolved(String channelId, String decision, Outcome outcome, String by, String requestId)
            implements EngineEvent {
        public SignOffResolved(String channelId, String decision, Outcome outcome, String by) {
            this(channelId, decision, outcome, by, null);
        }

        public boolean changesState() { return true; }

        public String type() { return "hitl_resolved"; }
    }

    /**
     * (ext) A person took the ticket ({@code ticket_acked}); the ticket's change follows it. {@code requestId}: the
     * client's id for its request, where given (null otherwise).
     */
    record TicketAcknowledged(String ticketId, String by, double at, String requestId) implements EngineEvent {
        public boolean changesState() { return true; }

        public String type() { return "ticket_acked"; }
    }

    /** (ext) A person commented on the ticket ({@code ticket_comment}), plain text; the ticket's change follows it. */
    record CommentAdded(String ticketId, String by, String text, double at, String requestId) implements EngineEvent {
        public boolean changesState() { return true; }

        public String type() { return "ticket_comment"; }
    }

    /**
     * (ext) A SEV1 was still not acknowledged {@code afterSeconds} after it opened ({@code ticket_ack_overdue}): told
     * once per ticket, by the server that runs its flow; the ticket's change (a timeline line) follows it.
     */
    record AckOverdue(String ticketId, String sev, double openedAt, long afterSeconds, double at)
            implements EngineEvent {
        public boolean changesState() { return true; }

        public String type() { return "ticket_ack_overdue"; }
    }

    record ChannelClosed(String channelId, String reason) implements EngineEvent {
        public boolean changesState() { return true; }

        public String type() { return "channel_closed"; }
    }

    record LogLine(String service, String message, Level level) implements EngineEvent {
        public String type() { return "log"; }
    }

    record SimState(boolean running) implements EngineEvent {
        public String type() { return "sim_state"; }
    }

    /** The view was reset to a clean slate; tickets were archived, not deleted. */
    record Reset() implements EngineEvent {
        public boolean changesState() { return true; }

        public String type() { return "reset"; }
    }

    /**
     * An inject refused: {@code incident} is the catalogue key ({@code custom} for an operator's own); {@code system}
     * and {@code issue} say which incident it was, and {@code requestId} the client's id for its request, where known
     * (null otherwise).
     */
    record InjectIgnored(String incident, String reason, String system, String issue, String requestId)
            implements EngineEvent {
        public InjectIgnored(String incident, String reason) {
            this(incident, reason, null, null, null);
        }

        public String type() { return "inject_ignored"; }
    }

    /**
     * {@code where} is {@code flow} (a flow hit trouble and was handled) or {@code client} (a bad request, which
     * names the client's {@code requestId} when it gave one; null otherwise).
     */
    record ErrorReported(String where, String detail, String requestId) implements EngineEvent {
        public ErrorReported(String where, String detail) {
            this(where, detail, null);
        }

        public String type() { return "error"; }
    }

    /** Connection-level: the tickets a client sees first. Never published on the stream. */
    record Snapshot(List<Ticket> tickets) implements EngineEvent {
        public Snapshot {
            tickets = List.copyOf(tickets);
        }

        public String type() { return "snapshot"; }
    }

    /** Connection-level: the answer to one client's ping. Never published on the stream. */
    record Pong() implements EngineEvent {
        public String type() { return "pong"; }
    }
}
