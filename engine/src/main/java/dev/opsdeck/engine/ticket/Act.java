package dev.opsdeck.engine.ticket;

/**
 * What became of a person's act on a ticket (an acknowledgement, a comment): done, or refused with the reason and
 * its kind, so an API can answer 404, 409 or 400 without reading words.
 */
public record Act(Result result, String reason, Ticket ticket) {

    public enum Result { DONE, UNKNOWN_TICKET, CONFLICT, INVALID, UNAVAILABLE }

    public static Act done(Ticket t) {
        return new Act(Result.DONE, "", t);
    }

    public static Act refused(Result why, String reason) {
        return new Act(why, reason, null);
    }

    public boolean accepted() {
        return result == Result.DONE;
    }
}
