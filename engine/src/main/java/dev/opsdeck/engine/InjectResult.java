package dev.opsdeck.engine;

/** What became of an injection: a ticket opened, or refused with a reason (also published as inject_ignored). */
public record InjectResult(boolean accepted, String ticketId, String incident, String reason) {

    public static InjectResult opened(String ticketId, String incident) {
        return new InjectResult(true, ticketId, incident, "");
    }

    public static InjectResult refused(String incident, String reason) {
        return new InjectResult(false, null, incident, reason);
    }
}
