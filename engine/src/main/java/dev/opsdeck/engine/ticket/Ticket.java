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
    "resolution", "history", "needs_human", "human_prompt", "created_at", "usage", "alert"})
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
        @JsonInclude(JsonInclude.Include.NON_NULL) Alert alert) {

    public Ticket {
        recommendations = List.copyOf(recommendations == null ? List.of() : recommendations);
        history = List.copyOf(history == null ? List.of() : history);
        rca = rca == null ? "" : rca;
        confidence = confidence == null ? "" : confidence;
        resolution = resolution == null ? "" : resolution;
        humanPrompt = humanPrompt == null ? "" : humanPrompt;
        usage = usage == null ? Usage.NONE : usage;
    }

    /** A new ticket, as diagnosis opens it. */
    public static Ticket open(String id, String system, String issue, String sev, double createdAt) {
        return new Ticket(id, system, issue, sev, Status.DIAGNOSING, "", "", List.of(), null, "",
                List.of("created · " + Status.DIAGNOSING.label()), false, "", createdAt, Usage.NONE, null);
    }

    /** The new status, with a history line {@code <status>} or {@code <status> · <note>}. */
    public Ticket withStatus(Status next, String note) {
        List<String> h = new ArrayList<>(history);
        h.add(note == null || note.isEmpty() ? next.label() : next.label() + " · " + note);
        return new Ticket(id, system, issue, sev, next, rca, confidence, recommendations, parent, resolution, h,
                needsHuman, humanPrompt, createdAt, usage, alert);
    }

    public Ticket withDiagnosis(String rca, String confidence, List<String> recommendations) {
        return new Ticket(id, system, issue, sev, status, rca, confidence, recommendations, parent, resolution,
                history, needsHuman, humanPrompt, createdAt, usage, alert);
    }

    public Ticket withParent(String parent) {
        return new Ticket(id, system, issue, sev, status, rca, confidence, recommendations, parent, resolution,
                history, needsHuman, humanPrompt, createdAt, usage, alert);
    }

    public Ticket withResolution(String resolution) {
        return new Ticket(id, system, issue, sev, status, rca, confidence, recommendations, parent, resolution,
                history, needsHuman, humanPrompt, createdAt, usage, alert);
    }

    public Ticket withNeedsHuman(boolean flag, String prompt) {
        return new Ticket(id, system, issue, sev, status, rca, confidence, recommendations, parent, resolution,
                history, flag, flag ? prompt : "", createdAt, usage, alert);
    }

    /** A history line that is no status change: what an alert delivery or a probe said about this ticket. */
    public Ticket withNote(String line) {
        List<String> h = new ArrayList<>(history);
        h.add(line);
        return new Ticket(id, system, issue, sev, status, rca, confidence, recommendations, parent, resolution, h,
                needsHuman, humanPrompt, createdAt, usage, alert);
    }

    public Ticket withAlert(Alert alert) {
        return new Ticket(id, system, issue, sev, status, rca, confidence, recommendations, parent, resolution,
                history, needsHuman, humanPrompt, createdAt, usage, alert);
    }

    public Ticket withUsage(Usage usage) {
        return new Ticket(id, system, issue, sev, status, rca, confidence, recommendations, parent, resolution,
                history, needsHuman, humanPrompt, createdAt, usage, alert);
    }

    /** The history line of an alert ticket beyond the flow cap; {@link #STARTED_NOTE} follows once it has a slot. */
    public static final String WAITING_NOTE = "waiting for a flow slot";
    public static final String STARTED_NOTE = "flow slot free: diagnosis starts";

    /** Whether the ticket waits for a flow slot (its diagnosis has not started): its last history line says so. */
    public boolean waitingForSlot() {
        return status == Status.DIAGNOSING && !history.isEmpty() && history.get(history.size() - 1).startsWith(WAITING_NOTE);
    }

    /** The numeric part of {@code INC-007}. */
    public static int number(String id) {
        return Integer.parseInt(id.substring(id.indexOf('-') + 1));
    }

    public static String idFor(int number) {
        return String.format("INC-%03d", number);
    }
}
