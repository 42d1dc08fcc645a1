package dev.opsdeck.bridge.wire;

/**
 * A client message that cannot be carried out; the message is the {@code detail} the client gets back, with the
 * request's {@code request_id} when it gave one.
 */
public final class BadRequest extends Exception {

    private final String requestId;

    public BadRequest(String detail) {
        this(detail, null);
    }

    public BadRequest(String detail, String requestId) {
        super(detail, null, false, false);
        this.requestId = requestId;
    }

    /** The client's id for the refused request; null when it gave none. */
    public String requestId() {
        return requestId;
    }
}
