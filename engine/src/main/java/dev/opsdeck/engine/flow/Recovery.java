package dev.opsdeck.engine.flow;

import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.agent.Tools;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.store.Store.ChannelRecord;
import dev.opsdeck.engine.ticket.Status;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Envelope;
import dev.opsdeck.engine.workflow.Graphs;
import dev.opsdeck.engine.workflow.Stage;
import dev.opsdeck.engine.workflow.Workflow;
import dev.opsdeck.engine.workflow.WorkflowState;
import java.util.List;
import java.util.stream.Stream;

/**
 * Resumes a flow that an earlier run left mid-way: the open channel's state is refolded from its journal and
 * whoever it expects is asked again; a stage that closed before its effects were recorded gets them now. What
 * cannot be resumed is closed as {@code Needs Followup}, saying it was interrupted.
 */
final class Recovery {

    private Recovery() {
    }

    static void resume(Flow flow) {
        Ticket ticket = flow.ctx.tickets().get(flow.ticketId).orElseThrow();
        if (ticket.status().terminal()) {
            flow.finish(); // it ended while the flow was held: a write whose commit could not be confirmed went through
            return;
        }
        List<ChannelRecord> channels = flow.ctx.store().channels(flow.ticketId);
        if (channels.isEmpty()) {
            flow.open(Stage.DIAGNOSIS);
            flow.accept(Post.text(Agent.TICKET_BOT, flow.incident.kickoffFor(flow.ticketId)));
            return;
        }
        ChannelRecord last = channels.get(channels.size() - 1);
        List<Envelope> journal = flow.ctx.store().journal(last.id());
        WorkflowState state = Workflow.replay(last.stage().graph(), journal);
        flow.adopt(new ChannelRun(last.id(), last.stage(), journal, state));
        if (last.closedReason() != null || state.closed()) {
            String reason = last.closedReason() != null ? last.closedReason() : state.closeReason();
            resumeClosed(flow, ticket, last, reason);
            return;
        }
        if (journal.isEmpty()) {
            Agent seeder = last.stage().graph().initial();
            String kickoff = last.stage() == Stage.DIAGNOSIS ? flow.incident.kickoffFor(flow.ticketId)
                    : flow.remediationKickoff();
            flow.accept(Post.text(seeder, kickoff));
            return;
        }
        if (state.inBand()) {
            if (state.pending().contains(Agent.HUMAN.displayName())) {
                double deadline = last.signOffDeadline() != null ? last.signOffDeadline()
                        : flow.ctx.tickets().now() + flow.ctx.signOffDeadline().toSeconds();
                flow.askOperator(fixers(journal), deadline);
                flow.takeClaimed(); // answered before the restart (or the server's death) and not applied yet
            }
            state.pending().forEach(flow::schedule);
        } else {
            flow.schedule(state.expected());
        }
    }

    private static void resumeClosed(Flow flow, Ticket ticket, ChannelRecord last, String reason) {
        if (last.closedReason() == null) {
            flow.close(reason);
            return;
        }
        if (last.stage() == Stage.DIAGNOSIS && Graphs.REMEDIATION_RECOMMENDED.equals(reason)
                && ticket.status() == Status.REMEDIATION_RECOMMENDED) {
            flow.startRemediation();
        } else if (last.stage() == Stage.DIAGNOSIS && ticket.status() == Status.DIAGNOSING) {
            flow.afterDiagnosis(reason);
        } else if (last.stage() == Stage.REMEDIATION && Rounds.sentBack(reason)
                && ticket.status() == Status.REMEDIATING) {
            flow.startRemediation(); // the round was sent back before the next one opened
        } else if (last.stage() == Stage.REMEDIATION && ticket.status() == Status.REMEDIATING) {
            flow.afterRemediation(reason);
        } else {
            interrupted(flow, "its " + last.stage().wire() + " channel closed " + reason + " but the ticket stayed "
                    + ticket.status().label());
        }
    }

    static void interrupted(Flow flow, String why) {
        flow.ctx.stream().publish(new EngineEvent.ErrorReported("flow", flow.ticketId + " was interrupted: " + why));
        flow.ticketTo(Status.NEEDS_FOLLOWUP, "interrupted by a restart: " + why);
        flow.finish();
    }

    private static List<String> fixers(List<Envelope> journal) {
        return journal.stream().filter(e -> Tools.ASSIGN_FIXERS.name().equals(e.tool()))
                .flatMap(e -> e.toolArgs().get("fixers") instanceof List<?> l ? l.stream().map(String::valueOf)
                        : Stream.<String>empty())
                .toList();
    }
}
