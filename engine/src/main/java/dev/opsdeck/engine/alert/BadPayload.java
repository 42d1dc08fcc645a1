package dev.opsdeck.engine.alert;

/** A webhook delivery that cannot be taken: the message is one line saying what is wrong and where. */
public final class BadPayload extends RuntimeException {

    public BadPayload(String reason) {
        super(reason, null, false, false);
    }
}
