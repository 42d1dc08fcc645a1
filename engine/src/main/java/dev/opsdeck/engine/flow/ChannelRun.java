package dev.opsdeck.engine.flow;

import dev.opsdeck.engine.workflow.Envelope;
import dev.opsdeck.engine.workflow.Stage;
import dev.opsdeck.engine.workflow.WorkflowState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One open stage of a flow: its journal so far and the state folded from it. Guarded by its flow. */
final class ChannelRun {

    final String id;
    final Stage stage;
    final List<Envelope> journal;
    WorkflowState state;

    ChannelRun(String id, Stage stage, List<Envelope> journal, WorkflowState state) {
        this.id = id;
        this.stage = stage;
        this.journal = new ArrayList<>(journal);
        this.state = state;
    }

    /** {@link Flow#ticketIdOf} reads the ticket back out of this. */
    static String idFor(String ticketId, Stage stage) {
        return ticketId + "." + stage.wire();
    }

    /** The first packet routed by this tool: the values a stage's close reads back. */
    Optional<Envelope> first(String tool) {
        return journal.stream().filter(e -> tool.equals(e.tool())).findFirst();
    }

    /** What an agent may see: the newest max(3 x participants, 8) envelopes. */
    List<Envelope> transcript() {
        int window = Math.max(3 * stage.graph().participants().size(), 8);
        return List.copyOf(journal.subList(Math.max(0, journal.size() - window), journal.size()));
    }
}
