package dev.opsdeck.desktop.workflow;

import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.agent.Tools;
import dev.opsdeck.engine.event.Outcome;
import dev.opsdeck.engine.workflow.Envelope;
import dev.opsdeck.engine.workflow.Stage;
import dev.opsdeck.engine.workflow.Workflow;
import dev.opsdeck.engine.workflow.WorkflowException;
import dev.opsdeck.engine.workflow.WorkflowState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One workflow channel as the rail shows it. Who is active comes from folding the channel's envelopes with the
 * engine's own pure {@link Workflow#fold}, so the rail moves exactly when the event stream says so, never on a
 * timer. Changes are folded at once but shown when {@link #publish()} is called (the workflows' lane), so a card
 * redraws a few times a second during a burst however many envelopes its channel gets.
 */
public final class ChannelViewModel {

    private static final Logger log = LoggerFactory.getLogger(ChannelViewModel.class);

    /** Told once per band, when its last member posts: member-seconds of work and wall-clock seconds taken. */
    public interface BandWork {
        void joined(double memberSeconds, double wallSeconds);
    }

    private final String channelId;
    private final String ticketId;
    private final Stage stage;
    private final String issue;
    private final String sev;
    private final double openedAt;
    private final BandWork bandWork;
    private final Map<String, String> spoken = new HashMap<>();
    private final Map<String, Double> spokeAt = new HashMap<>();
    private WorkflowState state;
    private List<String> chosen = List.of();
    private double bandStart;
    private double lastTs;
    private int toolCalls;
    private boolean signOffPending;
    private Outcome signOffOutcome;
    private String parent;
    private String reason;
    private String resolverStatus;
    private final ReadOnlyObjectWrapper<Rail> rail = new ReadOnlyObjectWrapper<>();
    private boolean closed;
    private final ReadOnlyStringWrapper footer = new ReadOnlyStringWrapper("");
    private boolean stale;

    public ChannelViewModel(String channelId, String ticketId, Stage stage, String issue, String sev, double openedAt,
            BandWork bandWork) {
        this.channelId = channelId;
        this.ticketId = ticketId;
        this.stage = stage;
        this.issue = issue;
        this.sev = sev;
        this.openedAt = openedAt;
        this.lastTs = openedAt;
        this.bandWork = bandWork;
        this.state = WorkflowState.initial(stage.graph());
        refresh();
    }

    void posted(Envelope e, double ts) {
        lastTs = ts;
        WorkflowState before = state;
        try {
            state = Workflow.fold(stage.graph(), state, e);
        } catch (WorkflowException ex) {
            // The engine refused to route it too and will close the channel; keep the rail where it was.
            log.debug("envelope {} did not fold: {}", e.id(), ex.getMessage());
        }
        spoken.put(e.sender(), metaFor(e));
        spokeAt.put(e.sender(), ts);
        if (e.isPacket()) {
            toolCalls++;
        }
        if (Tools.CLOSE_TICKET.name().equals(e.tool()) && e.toolArgs() != null) {
            resolverStatus = String.valueOf(e.toolArgs().get("status"));
        }
        if (Tools.MARK_AS_DUPLICATE.name().equals(e.tool()) && e.toolArgs() != null) {
            parent = String.valueOf(e.toolArgs().get("parent_ticket_id"));
        }
        if (!before.inBand() && state.inBand()) {
            chosen = state.pending();
            bandStart = ts;
        } else if (before.inBand() && !state.inBand() && bandWork != null) {
            double sum = 0;
            double wall = 0;
            for (String m : chosen) {
                double took = spokeAt.getOrDefault(m, ts) - bandStart;
                sum += took;
                wall = Math.max(wall, took);
            }
            bandWork.joined(sum, wall);
        }
        stale = true;
    }

    void signOffRequested() {
        signOffPending = true;
        stale = true;
    }

    void signOffResolved(Outcome outcome) {
        signOffPending = false;
        signOffOutcome = outcome;
        stale = true;
    }

    void closed(String why, double ts) {
        lastTs = ts;
        reason = why;
        signOffPending = false;
        closed = true;
        stale = true;
    }

    /** Shows the changes folded since the last publish: the rail and footer change once, observers hear once. */
    void publish() {
        if (stale) {
            refresh();
        }
    }

    private String metaFor(Envelope e) {
        if (e.isPacket()) {
            return e.tool() == null ? "replied" : e.tool();
        }
        if (Agent.HUMAN.displayName().equals(e.sender())) {
            Outcome o = signOffOutcome != null ? signOffOutcome : Outcome.ofPost(e.text());
            return "sign-off: " + o.wire();
        }
        return "kickoff";
    }

    private void refresh() {
        stale = false;
        Lineup lineup = Lineup.of(stage);
        List<Chip> before = new ArrayList<>();
        for (String a : lineup.before()) {
            before.add(chip(a, false, false));
        }
        List<Chip> members = new ArrayList<>();
        for (String a : lineup.band()) {
            members.add(chip(a, true, false));
        }
        List<Chip> after = new ArrayList<>();
        for (String a : lineup.after()) {
            // Only the join's own agent waits for the band; the ones after it simply have not been reached.
            after.add(chip(a, false, after.isEmpty()));
        }
        int pending = state.inBand() ? state.pending().size() : 0;
        rail.set(new Rail(before, new Band(lineup.bandName(), members, chosen.size(), pending), after, stateWord()));
        footer.set(String.format(Locale.ROOT, "elapsed %.1fs · turn %d / %d · tool calls %d%s",
                lastTs - openedAt, state.turnCount(), stage.graph().maxTurns(), toolCalls,
                pending > 0 ? " · pending speakers " + pending + " · parallel mode ACTIVE" : ""));
    }

    private Chip chip(String agent, boolean inBand, boolean afterBand) {
        if (spoken.containsKey(agent)) {
            return new Chip(agent, ChipState.DONE, spoken.get(agent));
        }
        if (Agent.HUMAN.displayName().equals(agent) && signOffPending) {
            return new Chip(agent, ChipState.BLOCKED, "⚑ awaiting sign-off");
        }
        if (!closed && (agent.equals(state.expected()) || state.pending().contains(agent))) {
            return new Chip(agent, ChipState.ACTIVE, inBand ? "working…" : "thinking…");
        }
        if (closed || (inBand && !chosen.isEmpty() && !chosen.contains(agent))) {
            return new Chip(agent, ChipState.SKIPPED, "");
        }
        if (afterBand && state.inBand()) {
            return new Chip(agent, ChipState.IDLE, "waiting for join");
        }
        return new Chip(agent, ChipState.IDLE, "");
    }

    private String stateWord() {
        if (closed) {
            return reason == null ? "closed" : reason.replace('_', ' ');
        }
        if (signOffPending) {
            return "awaiting human input";
        }
        if (state.inBand()) {
            return stage == Stage.DIAGNOSIS ? "parallel investigation" : "parallel fixers";
        }
        return state.expected() == null ? "working" : state.expected() + " working";
    }

    /** One line for the collapsed row: parent, duration, turns, outcome. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        if (parent != null) {
            b.append("⊃ ").append(parent).append("   ");
        }
        b.append(String.format(Locale.ROOT, "%.1fs   %d turns   ", lastTs - openedAt, state.turnCount()));
        String ending = ending();
        b.append(ending == null ? "" : ending.replace('_', ' '));
        if (signOffOutcome != null) {
            b.append(" · sign-off ").append(signOffOutcome.name().toLowerCase(Locale.ROOT));
        }
        return b.toString();
    }

    /**
     * How the workflow ended, as its ticket says it: a remediation by the Resolver's status (its channel always
     * closes "resolved", whatever the Resolver chose), and one that closed without the Resolver needs a follow-up;
     * a diagnosis by its close reason; a round the operator sent back by that (changes requested, overridden): it
     * did not end the ticket, the next round goes on. Null while open.
     */
    public String ending() {
        if (reason == null || stage != Stage.REMEDIATION
                || dev.opsdeck.engine.workflow.Graphs.CHANGES_REQUESTED.equals(reason)
                || dev.opsdeck.engine.workflow.Graphs.OVERRIDDEN.equals(reason)) {
            return reason;
        }
        return resolverStatus != null ? resolverStatus : "needs_followup";
    }

    public String channelId() {
        return channelId;
    }

    public String ticketId() {
        return ticketId;
    }

    public Stage stage() {
        return stage;
    }

    public String issue() {
        return issue;
    }

    public String sev() {
        return sev;
    }

    public String reason() {
        return reason;
    }

    public String parent() {
        return parent;
    }

    public boolean signOffPending() {
        return signOffPending;
    }

    public ReadOnlyObjectProperty<Rail> railProperty() {
        return rail.getReadOnlyProperty();
    }

    /** The rail as last published (see {@link #publish()}). */
    public Rail rail() {
        return rail.get();
    }

    public boolean isClosed() {
        return closed;
    }

    public ReadOnlyStringProperty footerProperty() {
        return footer.getReadOnlyProperty();
    }
}
