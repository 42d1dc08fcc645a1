package dev.opsdeck.engine.ticket;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A runbook action on a ticket, from its proposal to its result: what was shown (the exact {@code run} line and its
 * digest), who approved it, and what happened when it ran. Kept on the ticket, so the store, {@code /snapshot} and
 * the report all read the same record; {@code started} is stored before the process starts, which is what lets a
 * restart know never to run it again by itself.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "title", "risk", "run", "digest", "needs_signoff", "dry_run", "state", "approved_by",
    "exit", "duration_ms", "output", "verified", "note", "started_at", "finished_at"})
public record ActionRecord(
        String id,
        String title,
        String risk,
        String run,
        String digest,
        @JsonProperty("needs_signoff") boolean needsSignOff,
        @JsonProperty("dry_run") @JsonInclude(JsonInclude.Include.ALWAYS) DryRun dryRun,
        State state,
        @JsonProperty("approved_by") String approvedBy,
        Integer exit,
        @JsonProperty("duration_ms") Long durationMs,
        String output,
        Boolean verified,
        String note,
        @JsonProperty("started_at") Double startedAt,
        @JsonProperty("finished_at") Double finishedAt) {

    /**
     * A dry run's result as the sign-off shows it ({@code dry_run} is null on the wire for an action without one);
     * {@code exit} is null when it did not run to an exit.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record DryRun(Integer exit, String output) {
    }

    public enum State {
        PROPOSED, APPROVED, NOT_APPROVED, STARTED, SUCCEEDED, FAILED, UNKNOWN, SKIPPED,
        /** A person did the step by hand: theirs, never the machine's; {@code approved_by} names them. */
        DONE_BY_HAND;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Whether the action has run to an end we know (or will never run). */
        public boolean settled() {
            return this != PROPOSED && this != APPROVED && this != STARTED && this != DONE_BY_HAND;
        }
    }

    public static ActionRecord proposed(String id, String title, String risk, String run, String digest,
            boolean needsSignOff, DryRun dryRun) {
        return new ActionRecord(id, title, risk, run, digest, needsSignOff, dryRun, State.PROPOSED, null, null, null,
                null, null, null, null, null);
    }

    /**
     * A step {@code by} did by hand, standing for the runbook action {@code id} (or {@code by_hand} for none): it
     * keeps their {@code note}; {@code finished_at} stays empty until whether it took has been looked at.
     */
    public static ActionRecord byHand(String id, String title, String risk, String by, String note, double at) {
        return new ActionRecord(id, title, risk, "done by hand by " + by, null, false, null, State.DONE_BY_HAND, by,
                null, null, null, null, note, at, null);
    }

    /** A by-hand step once looked at: {@code verified} null when nothing could tell whether it took. */
    public ActionRecord looked(Boolean verified, String how, double at) {
        return new ActionRecord(id, title, risk, run, digest, needsSignOff, dryRun, state, approvedBy, exit,
                durationMs, output, verified, how == null ? note : note + " · " + how, startedAt, at);
    }

    public ActionRecord approved(String by) {
        return new ActionRecord(id, title, risk, run, digest, needsSignOff, dryRun, State.APPROVED, by, exit,
                durationMs, output, verified, note, startedAt, finishedAt);
    }

    public ActionRecord as(State next, String why) {
        return new ActionRecord(id, title, risk, run, digest, needsSignOff, dryRun, next, approvedBy, exit,
                durationMs, output, verified, why, startedAt, finishedAt);
    }

    public ActionRecord started(double at) {
        return new ActionRecord(id, title, risk, run, digest, needsSignOff, dryRun, State.STARTED, approvedBy, null,
                null, null, null, null, at, null);
    }

    public ActionRecord finished(boolean ok, Integer exit, long durationMs, String output, Boolean verified,
            String note, double at) {
        return new ActionRecord(id, title, risk, run, digest, needsSignOff, dryRun, ok ? State.SUCCEEDED : State.FAILED,
                approvedBy, exit, durationMs, output, verified, note, startedAt, at);
    }

    /** The digest of a set of actions as shown together: an approval is of exactly this. */
    public static String digestOf(java.util.List<ActionRecord> actions) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            for (ActionRecord a : actions) {
                md.update((a.digest() + ",").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One line for the console and the report. */
    public String line() {
        String head = id + " [" + risk + "] " + state.wire();
        if (state == State.DONE_BY_HAND) {
            head += " (by " + approvedBy + ", not by OpsDeck)";
        } else if (approvedBy != null) {
            head += " (approved by " + approvedBy + ")";
        }
        if (exit != null) {
            head += " · exit " + exit;
        }
        if (verified != null) {
            head += verified ? " · verified" : " · not verified";
        }
        return note == null || note.isEmpty() ? head : head + " · " + note;
    }
}
