package dev.opsdeck.engine.reasoning;

import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Envelope;
import dev.opsdeck.engine.workflow.Stage;
import java.util.List;

/**
 * One agent turn to take: who, for which ticket, what it may see (the recent envelopes of its channel), and the
 * tools it holds. A model reads the ticket from the transcript's kickoff; the rules may read it directly.
 */
public record TurnRequest(Stage stage, Agent agent, Ticket ticket, List<Envelope> transcript, ToolBox tools) {

    public TurnRequest {
        transcript = List.copyOf(transcript);
    }
}
