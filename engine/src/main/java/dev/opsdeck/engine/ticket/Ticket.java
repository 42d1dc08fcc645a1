package dev.opsdeck.engine.ticket;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * An incident ticket. Immutable: every change makes a new ticket, and the store publishes it whole.
 * Field names and order are the wire contract's; {@code alert} (an addition) is there only on a ticket an alert
 * opened.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"id", "system", "issue", "sev", "status", "rca", "confidence", "recommendations", "parent",
    "resolution", "history", "needs_human", "human_prompt", "created_at", "usage", "alert", "timeline", "actions",
    "acked", "comments"})
public record Ticket(
        String id,
        String system,
        String issue,
        String sev,
        Status status,
        String rca,
        String confidence,
        List<String> recommendations,
        String parent,
        String resolution,
        List<String> history,
        @JsonProperty("needs_human") boolean needsHuman,
        @JsonProperty("human_prompt") String humanPrompt,
        @JsonProperty("created_at") double createdAt,
        Usage usage,
        @JsonInclude(JsonInclude.Include.NON_NULL) Alert alert,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Moment> timeline,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ActionRecord> actions,
        @JsonInclude(JsonInclude.Include.NON_NULL) Ack acked,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Comment> comments) {

    /** Who took the ticket ("I'm on it"), and when (epoch seconds): an addition to the contract. */
    public record Ack(String by, double at) {
    }

    /** A person's note on the ticket, plain text as kept (see {@link Remarks#clean}): an addition to the contract. */
    public record Comment(double at, String by, String text) {
    }

    /**
     * When a history line was written and by whom (the agent whose post caused it, the operator, the engine): the
     * history with its time and actor, an addition to the contract's plain lines.
     */
    public record Moment(double at, String by, String what) {
    }

    public Ticket {
        recommendations = List.copyOf(recommendations == null ? List.of() : recommendations);
        history = List.copyOf(history == null ? List.of() : history);
        rca = rca == null ? "" : rca;
        confidence = confidence == null ? "" : confidence;
        resolution = resolution == null ? "" : resolution;
        humanPrompt = humanPrompt == null ? "" : humanPrompt;
        usage = usage == null ? Usage.NONE : usage;
        timeline = List.copyOf(timeline == null ? List.of() : timeline);
        actions = List.copyOf(actions == null ? List.of() : actions);
        comments = List.copyOf(comments == null ? List.of() : comments);
    }

    /** The ticket as it was before runbook actions (every caller that does not know of them). */
    public Ticket(String id, String system, String issue, String sev, Status status, String rca, String confidence,
            List<String> recommendations, String parent, String resolution, List<String> history, boolean needsHuman,
            String humanPrompt, double createdAt, Usage usage, Alert alert, List<Moment> timeline) {
        this(id, system, issue, sev, status, rca, confidence, recommendations, parent, resolution, history, needsHuman,
                humanPrompt, createdAt, usage, alert, timeline, List.of(), null, List.of());
    }

    public Ticket withActions(List<ActionRecord> next) {
        return new Ticket(id, system, issue, sev, status, rca, confidence, recommendations, parent, resolution,
                history, needsHuman, humanPrompt, createdAt, usage, alert, timeline, next, acked, comments);
    }

    /** This ticket with every history line not yet in its timeline stamped {@code at}, by {@code by}. */
    public Ticket stamped(double at, String by) {
        if (timeline.size() >= history.size()) {
            return this;
        }
        List<Moment> t = new ArrayList<>(timeline);
        for (int i = timeline.size(); i < history.size(); i++) {
            t.add(new Moment(at, by, history.get(i)));
        }
        return new Ticket(id, system, issue, sev, status, rca, confidence, recommendations, parent, resolution,
                history, needsHuman, humanPrompt, createdAt, usage, alert, t, actions, acked, comments);
    }

    /** A new ticket, as diagnosis opens it. */
    public static Ticket open(String id, String system, String issue, String sev, double createdAt) {
        return new Ticket(id, system, issue, sev, Status.DIAGNOSING, "", "", List.of(), null, "",
                List.of("created · " + Status.DIAGNOSING.label()), false, "", createdAt, Usage.NONE, null, List.of(), List.of(),
                null, List.of());
    }

    /** The new status, with a history line {@code <status>} or {@code <status> · <note>}. */
    public Ticket withStatus(Status next, String note) {
        List<String> h = new ArrayList<>(history);
        h.add(note == null || note.isEmpty() ? next.label() : next.label() + " · " + note);
        return new Ticket(id, system, issue, sev, next, rca, confidence, recommendations, parent, resolution, h,
                needsHuman, humanPrompt, createdAt, usage, alert, timeline, actions, acked, comments);
    }

    public Ticket withDiagnosis(String rca, String confidence, List<String> recommendations) {
        return new Ticket(id, system, issue, sev, status, rca, confidence, recommendations, parent, resolution,
                history, needsHuman, humanPrompt, createdAt, usage, alert, timeline, actions, acked, comments);
    }

    public Ticket withParent(String parent) {
        return new Ticket(id, system, issue, sev, status, rca, confidence, recommendations, parent, resolution,
                history, needsHuman, humanPrompt, createdAt, usage, alert, timeline, actions, acked, comments);
    }

    public Ticket withResolution(String resolution) {
        return new Ticket(id, system, issue, sev, status, rca, confidence, recommendations, parent, resolution,
                history, needsHuman, humanPrompt, createdAt, usage, alert, timeline, actions, acked, comments);
    }

    public Ticket withNeedsHuman(boolean flag, String prompt) {
        return new Ticket(id, system, issue, sev, status, rca, confidence, recommendations, parent, resolution,
                history, flag, flag ? prompt : "", createdAt, usage, alert, timeline, actions, acked, comments);
    }

    /** A history line that is no status change: what an alert delivery or a probe said about this ticket. */
    public Ticket withNote(String line) {
        List<String> h = new ArrayList<>(history);
        h.add(line);
        return new Ticket(id, system, issue, sev, status, rca, confidence, recommendations, parent, resolution, h,
                needsHuman, humanPrompt, createdAt, usage, alert, timeline, actions, acked, comments);
    }

    public Ticket withAlert(Alert alert) {
        return new Ticket(id, system, issue, sev, status, rca, confidence, recommendations, parent, resolution,
                history, needsHuman, humanPrompt, createdAt, usage, alert, timeline, actions, acked, comments);
    }

    public Ticket withUsage(Usage usage) {
        return new Ticket(id, system, issue, sev, status, rca, confidence, recommendations, parent, resolution,
                history, needsHuman, humanPrompt, createdAt, usage, alert, timeline, actions, acked, comments);
    }

    /** Taken by {@code by} at {@code at}, with a history line saying so. */
    public Ticket withAck(String by, double at) {
        List<String> h = new ArrayList<>(history);
        h.add("acknowledged by " + by);
        return new Ticket(id, system, issue, sev, status, rca, confidence, recommendations, parent, resolution, h,
                needsHuman, humanPrompt, createdAt, usage, alert, timeline, actions, new Ack(by, at), comments);
    }

    /** How the timeline says a SEV1 waited too long for someone to take it (see {@link #ackReminded()}). */
    public static final String ACK_OVERDUE = "acknowledgement overdue";

    /** With the history line that says nobody took it within {@code after} (the reminder was sent). */
    public Ticket withAckOverdue(String after) {
        List<String> h = new ArrayList<>(history);
        h.add(ACK_OVERDUE + ": nobody acknowledged it within " + after + " of opening; reminded");
        return new Ticket(id, system, issue, sev, status, rca, confidence, recommendations, parent, resolution, h,
                needsHuman, humanPrompt, createdAt, usage, alert, timeline, actions, acked, comments);
    }

    /** Whether the acknowledgement reminder was sent for this ticket already (its history says so). */
    public boolean ackReminded() {
        return history.stream().anyMatch(l -> l.startsWith(ACK_OVERDUE));
    }

    /** With a comment, and a history line carrying it (what a client that knows no comments shows). */
    public Ticket withComment(Comment c) {
        List<String> h = new ArrayList<>(history);
        h.add("comment by " + c.by() + ": " + c.text().replace('\n', ' '));
        List<Comment> all = new ArrayList<>(comments);
        all.add(c);
        return new Ticket(id, system, issue, sev, status, rca, confidence, recommendations, parent, resolution, h,
                needsHuman, humanPrompt, createdAt, usage, alert, timeline, actions, acked, all);
    }

    /**
     * This ticket (another server's latest write of it) with the people's acts of {@code earlier} that it lacks: in
     * a team, a comment or an ack written on one server can race a change of the same ticket written on another
     * from a copy that did not have it yet. Comments and acks are only ever added, so the union is the truth.
     */
    public Ticket keepingRemarksOf(Ticket earlier) {
        if (earlier == null || (earlier.comments.isEmpty() && earlier.acked == null)
                || (comments.containsAll(earlier.comments) && (acked != null || earlier.acked == null))) {
            return this;
        }
        List<Comment> all = new ArrayList<>(comments);
        earlier.comments.stream().filter(c -> !all.contains(c)).forEach(all::add);
        all.sort(java.util.Comparator.comparingDouble(Comment::at));
        return new Ticket(id, system, issue, sev, status, rca, confidence, recommendations, parent, resolution,
                history, needsHuman, humanPrompt, createdAt, usage, alert, timeline, actions,
                acked != null ? acked : earlier.acked, all);
    }

    /**
     * This ticket (the copy of the server that runs its flow) with the people's acts another server wrote into
     * {@code other} that it lacks: their comments, the ack, and the history lines that tell them, stamped as that
     * server stamped them. The flow's copy stays the truth for everything else. This ticket itself when nothing is
     * missing.
     */
    public Ticket withRemarksOf(Ticket other) {
        Ticket merged = keepingRemarksOf(other);
        List<String> h = new ArrayList<>(merged.history);
        List<Moment> t = new ArrayList<>(merged.timeline);
        for (Moment m : other.timeline) {
            if ((m.what().startsWith("comment by ") || m.what().startsWith("acknowledged by "))
                    && !h.contains(m.what())) {
                h.add(m.what());
                t.add(m);
            }
        }
        if (merged == this && h.size() == history.size()) {
            return this;
        }
        return new Ticket(id, system, issue, sev, status, rca, confidence, recommendations, parent, resolution, h,
                needsHuman, humanPrompt, createdAt, usage, alert, t, actions, merged.acked, merged.comments);
    }

    /** The history line of an alert ticket beyond the flow cap; {@link #STARTED_NOTE} follows once it has a slot. */
    public static final String WAITING_NOTE = "waiting for a flow slot";
    /** How an RCA that found nothing begins: such a ticket ends Needs Followup, with nothing to remediate. */
    public static final String NO_ROOT_CAUSE = "No root cause found";
    public static final String STARTED_NOTE = "flow slot free: diagnosis starts";

    /** Whether the ticket waits for a flow slot (its diagnosis has not started): its last history line says so. */
    public boolean waitingForSlot() {
        return status == Status.DIAGNOSING && !history.isEmpty() && history.get(history.size() - 1).startsWith(WAITING_NOTE);
    }

    /** The numeric part of {@code INC-007}. */
    public static int number(String id) {
        return Integer.parseInt(id.substring(id.indexOf('-') + 1));
    }

    /** {@code INC-007}, {@code INC-1234}: at least three digits. (Not String.format: it parses its pattern each call.) */
    public static String idFor(int number) {
        if (number < 0) {
            return String.format("INC-%03d", number);
        }
        String digits = Integer.toString(number);
        return digits.length() >= 3 ? "INC-" + digits : "INC-" + "00".substring(digits.length() - 1) + digits;
    }
}
