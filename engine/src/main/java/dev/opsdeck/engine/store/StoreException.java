package dev.opsdeck.engine.store;

/** The data file cannot be opened, read or written; the message is fit for the user's terminal. */
public final class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }
}
