package dev.opsdeck.bridge;

/** The bridge could not start (the port is taken, say); the message says what to do about it. */
public final class BridgeException extends RuntimeException {

    public BridgeException(String message, Throwable cause) {
        super(message, cause);
    }
}
