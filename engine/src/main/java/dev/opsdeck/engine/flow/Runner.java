package dev.opsdeck.engine.flow;

import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.agent.Tools;
import dev.opsdeck.engine.runbook.Proposal;
import dev.opsdeck.engine.runbook.Risk;
import dev.opsdeck.engine.runbook.Runbook;
import dev.opsdeck.engine.runbook.exec.Result;
import dev.opsdeck.engine.store.Store;
import dev.opsdeck.engine.store.StoreException;
import dev.opsdeck.engine.ticket.ActionRecord;
import dev.opsdeck.engine.ticket.ActionRecord.State;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Stage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's hand: it proposes the runbook actions that fit a ticket (with their dry runs), and after the band has
 * decided runs the approved ones, one a turn, each exactly once, then verifies it. Its turns run on the engine's
 * turn pool like an agent's, but no reasoner is asked anything: this is where OpsDeck touches the world, and only
 * here.
 */
final class Runner {

    private static final Logger log = LoggerFactory.getLogger(Runner.class);
    static final String BACKEND = "runner";

    private final Flow flow;

    Runner(Flow flow) {
        this.flow = flow;
    }

    void take(String channelId) {
        try {
            Optional<Turns.Context> context = flow.turnContext(channelId, Agent.RUNNER);
            if (context.isEmpty()) {
                return;
            }
            if (!flow.proposed()) {
                propose(channelId, context.get().ticket());
            } else {
                runNext(channelId, context.get().ticket());
            }
        } catch (RuntimeException e) {
            if (StoreException.fenced(e)) {
                flow.fenced(e); // the lease moved on: the server holding it finds what this one recorded
                return;
            }
            if (StoreException.retryable(e)) {
                flow.hold(e);
                return;
            }
            log.error("runner of {} failed", flow.ticketId, e);
            flow.fail("the runner failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    // ---- propose -----------------------------------------------------------------------------------------------

    private void propose(String channelId, Ticket ticket) {
        Runbook.Proposals p = flow.ctx.runbook().propose(ticket);
        List<String> refused = new ArrayList<>(p.refused());
        List<Store.Verdict> asked = Rounds.asked(flow.ctx.store(), ticket.id());
        List<Proposal> proposed = asked.isEmpty() ? chosen(ticket, p, refused) : again(ticket, p, asked, refused);
        List<ActionRecord> records = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        for (Proposal x : proposed) {
            ActionRecord.DryRun dry = null;
            if (x.dryRun() != null) {
                Result r = flow.ctx.executor().execute(x.dryRun());
                dry = new ActionRecord.DryRun(r.code(), r.ok() ? r.output() : r.line() + "\n" + r.output());
            }
            boolean needs = x.action().risk() == Risk.DISRUPTIVE || !x.action().auto()
                    || !"high".equals(ticket.confidence());
            ActionRecord rec = ActionRecord.proposed(x.id(), x.action().title(), x.action().risk().wire(), x.shown(),
                    x.digest(), needs, dry);
            if (!needs) {
                rec = rec.approved("auto (" + x.action().risk().wire() + ", RCA confidence high)");
            }
            records.add(rec);
            parts.add(x.id() + " (" + x.action().risk().wire() + (needs ? ", needs the sign-off" : ", runs without a "
                    + "sign-off: RCA confidence high") + (dry == null ? "" : "; dry run exit " + dry.exit()) + ")");
        }
        String body = records.isEmpty()
                ? "No runbook action fits " + ticket.id() + ": the recommended steps are advice for the owning team, "
                        + "and nothing will run."
                : "Proposed " + records.size() + " runbook action(s): " + String.join("; ", parts)
                        + ". Nothing runs before the fixers and the operator have decided.";
        if (!refused.isEmpty()) {
            body += " Not proposed: " + String.join("; ", refused) + ".";
        }
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("actions", records.stream().map(ActionRecord::id).toList());
        args.put("not_proposed", refused);
        flow.runnerPost(channelId, t -> t.withActions(records), post(Tools.PROPOSE_ACTIONS.name(), args, body));
    }

    /**
     * The fitting actions the diagnosis' Remediation agent proposed: its {@code post_recommendations} may name them
     * ({@code actions}); left out, every fitting action is proposed. A name that is no fitting action proposes
     * nothing, and the journal says so: a reasoner chooses among the runbook's actions, it never adds one.
     */
    private List<Proposal> chosen(Ticket ticket, Runbook.Proposals p, List<String> refused) {
        Object named = flow.ctx.store().journal(ChannelRun.idFor(ticket.id(), Stage.DIAGNOSIS)).stream()
                .filter(e -> Tools.POST_RECOMMENDATIONS.name().equals(e.tool()) && e.toolArgs() != null)
                .map(e -> e.toolArgs().get("actions")).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        if (!(named instanceof List<?> ids)) {
            return p.proposed();
        }
        List<String> wanted = ids.stream().map(String::valueOf).toList();
        List<Proposal> out = new ArrayList<>();
        for (Proposal x : p.proposed()) {
            if (wanted.contains(x.id())) {
                out.add(x);
            } else {
                refused.add("action " + x.id() + " fits but Remediation did not propose it");
            }
        }
        for (String id : wanted) {
            if (p.proposed().stream().noneMatch(x -> x.id().equals(id))) {
                refused.add("action " + id + " not proposed: it is no runbook action that fits " + ticket.id());
            }
        }
        return out;
    }

    /**
     * A later round's proposal: the action the operator chose, if the last round was overridden; else what the
     * diagnosis chose, less every action any request for changes named (by id, title, or a host it acts on).
     */
    private List<Proposal> again(Ticket ticket, Runbook.Proposals p, List<Store.Verdict> asked, List<String> refused) {
        Store.Verdict last = asked.get(asked.size() - 1);
        if (last.outcome() == dev.opsdeck.engine.event.Outcome.OVERRIDDEN) {
            String id = OverrideChoice.decode(last.decision()).action();
            List<Proposal> picked = p.proposed().stream().filter(x -> x.id().equals(id)).toList();
            if (picked.isEmpty()) {
                refused.add("action " + id + " chosen by " + last.by() + " no longer fits " + ticket.id());
            }
            return picked;
        }
        List<Proposal> out = new ArrayList<>();
        for (Proposal x : chosen(ticket, p, refused)) {
            String why = null;
            for (Store.Verdict v : asked) {
                if (v.outcome() == dev.opsdeck.engine.event.Outcome.CHANGES_REQUESTED) {
                    why = Feedback.excludes(v.decision(), x).map(name -> "excluded at " + v.by() + "'s request: "
                            + x.id() + (name.equals(x.id()) ? "" : " (it acts on " + name + ")")).orElse(null);
                }
                if (why != null) {
                    break;
                }
            }
            if (why == null) {
                out.add(x);
            } else {
                refused.add(why);
            }
        }
        return out;
    }

    // ---- run ---------------------------------------------------------------------------------------------------

    private void runNext(String channelId, Ticket ticket) {
        List<ActionRecord> actions = ticket.actions();
        for (ActionRecord a : actions) {
            if (a.state() == State.STARTED) {
                unknown(channelId, a);
                return;
            }
            if (a.state() == State.DONE_BY_HAND && a.finishedAt() == null) {
                lookAtByHand(channelId, ticket, a);
                return;
            }
        }
        List<ActionRecord> approved = actions.stream().filter(a -> a.state() == State.APPROVED).toList();
        if (approved.isEmpty()) {
            finish(channelId, actions);
            return;
        }
        // Bound to what was shown: if any action still to run resolves differently now, none of them runs.
        for (ActionRecord a : approved) {
            Runbook.Resolution now = flow.ctx.runbook().resolve(a.id(), ticket);
            String why = now.proposal() == null ? now.refusal()
                    : now.proposal().digest().equals(a.digest()) ? null
                    : "it differs from what was approved (now: " + now.proposal().shown() + ")";
            if (why != null) {
                String note = "not run: " + a.id() + " " + why;
                flow.runnerRecord(channelId, t -> t.withActions(replace(t.actions(), State.APPROVED,
                        x -> x.as(State.SKIPPED, note))));
                Map<String, Object> args = runArgs(a, null, null, null);
                flow.runnerPost(channelId, null, post(Tools.RUN_ACTION.name(), args, a.id() + ": " + note
                        + "; nothing more runs."));
                return;
            }
        }
        run(channelId, ticket, approved.get(0));
    }

    private void run(String channelId, Ticket ticket, ActionRecord a) {
        Proposal p = flow.ctx.runbook().resolve(a.id(), ticket).proposal();
        double startedAt = flow.ctx.tickets().now();
        // Recorded (and so on disk) before the process starts: a restart finds it and never runs it again by itself.
        if (!flow.runnerRecord(channelId, t -> t.withActions(replace(t.actions(), a.id(), x -> x.started(startedAt))))) {
            return;
        }
        Result r = flow.ctx.executor().execute(p.run());
        // Said in the log before it is recorded: should the record be refused (a lost lease), the log still has it.
        log.info("{}: action {} approved by {} ran: {} ({} ms)", flow.ticketId, a.id(), a.approvedBy(), r.line(),
                r.durationMs());
        Boolean verified = null;
        String note = r.ok() ? null : r.line();
        if (r.ok() && p.verify() != null) {
            Verification v = new Verification(flow.ctx.metrics(), flow.ctx.tickets(), flow.ticketId);
            Verification.Held held = v.await(p.verify(), p.within(), startedAt);
            verified = held.held();
            note = held.how();
        }
        ActionRecord done = a.started(startedAt).finished(r.ok(), r.code(), r.durationMs(), r.output(), verified,
                note, flow.ctx.tickets().now());
        boolean failed = !r.ok() || Boolean.FALSE.equals(verified);
        String skip = "not run: " + a.id() + (r.ok() ? " was not verified" : " failed");
        flow.recordResult(t -> t.withActions(failed ? replace(replace(t.actions(), a.id(), x -> done),
                State.APPROVED, x -> x.as(State.SKIPPED, skip)) : replace(t.actions(), a.id(), x -> done)));
        // A simulated step's output is its whole result line; a real one says how it ended.
        String body = a.id() + ": " + (r.output().startsWith("(simulated)") ? Result.lastLineOf(r.output())
                : r.ok() ? "ran, " + r.line() : r.line())
                + (verified == null ? "" : verified ? "; verified: " + note : "; NOT verified: " + note);
        flow.runnerPost(channelId, null, post(Tools.RUN_ACTION.name(), runArgs(a, r.code(), r.durationMs(), verified),
                body));
    }

    /**
     * Whether a person's step took, as a run's is verified: by the runbook action's own check when the step stands
     * for one, or else not at all (and the ticket then says nothing verified it). Nothing runs.
     */
    private void lookAtByHand(String channelId, Ticket ticket, ActionRecord a) {
        Proposal p = flow.ctx.runbook().resolve(a.id(), ticket).proposal();
        Boolean verified = null;
        String how = "no runbook check for it";
        if (p != null && p.verify() != null) {
            Verification v = new Verification(flow.ctx.metrics(), flow.ctx.tickets(), flow.ticketId);
            Verification.Held held = v.await(p.verify(), p.within(), a.startedAt());
            verified = held.held();
            how = held.how();
        }
        Boolean result = verified;
        String said = how;
        if (!flow.runnerRecord(channelId, t -> t.withActions(replace(t.actions(), a.id(), x -> x.looked(result, said,
                flow.ctx.tickets().now()))))) {
            return;
        }
        String body = a.id() + ": done by hand by " + a.approvedBy() + " (nothing was run by OpsDeck); "
                + (verified == null ? "nothing verified that it took: " + how : verified ? "verified: " + how
                : "NOT verified: " + how);
        flow.runnerPost(channelId, null, post(Tools.RUN_ACTION.name(), runArgs(a, null, null, verified), body));
    }

    private void unknown(String channelId, ActionRecord a) {
        String note = "outcome unknown: it started and was never recorded as finished (the server running it "
                + "stopped); it is not run again by itself: check it by hand";
        flow.runnerRecord(channelId, t -> t.withActions(replace(replace(t.actions(), a.id(), x -> x.as(State.UNKNOWN,
                note)), State.APPROVED, x -> x.as(State.SKIPPED, "not run: the outcome of " + a.id() + " is unknown"))));
        flow.runnerPost(channelId, null, post(Tools.RUN_ACTION.name(), runArgs(a, null, null, null),
                a.id() + ": " + note + "."));
    }

    private void finish(String channelId, List<ActionRecord> actions) {
        long ok = actions.stream().filter(a -> a.state() == State.SUCCEEDED).count();
        long bad = actions.stream().filter(a -> a.state() == State.FAILED || a.state() == State.UNKNOWN).count();
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("ran", (int) (ok + actions.stream().filter(a -> a.state() == State.FAILED).count()));
        args.put("succeeded", (int) ok);
        args.put("failed", (int) bad);
        String body = actions.isEmpty() ? "No runbook action was proposed: nothing ran."
                : ok + bad == 0 ? "No action ran: " + actions.stream().map(a -> a.id() + " " + a.state().wire()
                        + (a.note() == null ? "" : " (" + a.note() + ")")).reduce((x, y) -> x + "; " + y).orElse("")
                        + "."
                : ok + " action(s) succeeded, " + bad + " did not: " + actions.stream().map(ActionRecord::line)
                        .reduce((x, y) -> x + "; " + y).orElse("") + ".";
        flow.runnerPost(channelId, null, post(Tools.FINISH_ACTIONS.name(), args, body));
    }

    private static Map<String, Object> runArgs(ActionRecord a, Integer exit, Long durationMs, Boolean verified) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("id", a.id());
        args.put("run", a.run());
        args.put("exit", exit);
        // An int, as the same args read back from the journal or the wire are: equal events compare equal.
        args.put("duration_ms", durationMs == null ? null : (int) Math.min(Integer.MAX_VALUE, durationMs));
        args.put("verified", verified);
        return args;
    }

    private static Post post(String tool, Map<String, Object> args, String body) {
        return new Post(Agent.RUNNER, null, tool, args, body, BACKEND);
    }

    private static List<ActionRecord> replace(List<ActionRecord> all, String id,
            java.util.function.UnaryOperator<ActionRecord> f) {
        return all.stream().map(a -> a.id().equals(id) ? f.apply(a) : a).toList();
    }

    private static List<ActionRecord> replace(List<ActionRecord> all, State state,
            java.util.function.UnaryOperator<ActionRecord> f) {
        return all.stream().map(a -> a.state() == state ? f.apply(a) : a).toList();
    }
}
