package dev.opsdeck.bridge.wire;

/** A client message that cannot be carried out; the message is the {@code detail} the client gets back. */
public final class BadRequest extends Exception {

    public BadRequest(String detail) {
        super(detail, null, false, false);
    }
}
