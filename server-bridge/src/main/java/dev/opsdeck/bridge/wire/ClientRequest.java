package dev.opsdeck.bridge.wire;

/** One client → server message of PROTOCOL.md, parsed and checked. */
public sealed interface ClientRequest {

    /** {@code inject {incident}} (or {@code scenario: "full"}); a null or unknown key runs the first incident. */
    /** @param requestId (ext) the client's id for this request, named by an {@code inject_ignored}; may be null */
    record Inject(String incident, String requestId) implements ClientRequest {
        public Inject(String incident) {
            this(incident, null);
        }
    }

    /** {@code inject {scenario: "duplicate"}}: the newest non-duplicate ticket's system and issue again. */
    record InjectRepeat() implements ClientRequest {
    }

    /** {@code inject {scenario: "custom", system, issue, sev, description}} (ext), and its {@code request_id}. */
    record InjectCustom(String system, String issue, String sev, String description, String requestId)
            implements ClientRequest {
        public InjectCustom(String system, String issue, String sev, String description) {
            this(system, issue, sev, description, null);
        }
    }

    /** {@code hitl_response}: {@code decision} null or blank declines. */
    /**
     * @param note (ext) the operator's note to the fixers; it goes with the decision and never decides
     * @param requestId (ext) the client's id for this answer: its {@code hitl_resolved} or its refusal carries it
     */
    record SignOffAnswer(String channelId, String decision, String note, String requestId) implements ClientRequest {
        public SignOffAnswer(String channelId, String decision, String note) {
            this(channelId, decision, note, null);
        }
    }

    /** (ext) {@code ack {ticket_id, request_id}}: the sender takes the ticket. */
    record Acknowledge(String ticketId, String requestId) implements ClientRequest {
    }

    /**
     * (ext) {@code request_changes {channel_id | ticket_id, feedback, request_id}}: feedback instead of a verdict;
     * the proposal is made again with it.
     */
    record RequestChanges(String channelId, String ticketId, String feedback, String requestId)
            implements ClientRequest {
    }

    /**
     * (ext) {@code override {channel_id | ticket_id, action, by_hand, note, request_id}}: another fitting runbook
     * action instead of the proposal (shown for its own sign-off), or with {@code by_hand: true} a step the sender
     * did by hand ({@code note} required; {@code action} the runbook action it stands for, if any).
     */
    record OverrideProposal(String channelId, String ticketId, String action, boolean byHand, String note,
            String requestId) implements ClientRequest {
    }

    /**
     * (ext) {@code fitting {ticket_id, request_id}}: the runbook actions that fit the ticket now (what an override may
     * choose), told to the sender alone as {@code fitting_actions}.
     */
    record FittingActions(String ticketId, String requestId) implements ClientRequest {
    }

    /** (ext) {@code comment {ticket_id, text, request_id}}: plain text on the ticket's timeline. */
    record Comment(String ticketId, String text, String requestId) implements ClientRequest {
    }

    /** @param reset the original's start: reset first; (ext) {@code "reset": false} only starts the ambient lines */
    record Start(boolean reset) implements ClientRequest {
    }

    record Stop() implements ClientRequest {
    }

    record Reset() implements ClientRequest {
    }

    record Ping() implements ClientRequest {
    }
}
