package dev.opsdeck.engine.store;

/** The data file cannot be opened, read or written; the message is fit for the user's terminal. */
public final class StoreException extends RuntimeException {

    /** A write that may go through later: the disk was full, or a shared database was out of reach. */
    private final boolean retryable;

    public StoreException(String message) {
        this(message, false);
    }

    /**
     * @param retryable the disk is full (or failing to write), or the database is out of reach: the same write may
     *     succeed later, so flows hold rather than fail
     */
    public StoreException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }

    /** Whether {@code e}, or what caused it, is a write that may go through later. */
    public static boolean retryable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StoreException s && s.retryable()) {
                return true;
            }
        }
        return false;
    }
}
