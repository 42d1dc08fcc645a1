package dev.opsdeck.engine.store;

/** The data file cannot be opened, read or written; the message is fit for the user's terminal. */
public final class StoreException extends RuntimeException {

    /** A write that may go through later: the disk was full, or a shared database was out of reach. */
    private final boolean retryable;
    /** The write was refused because this server no longer holds the lease of the flow that tried it. */
    private final boolean fenced;

    public StoreException(String message) {
        this(message, false);
    }

    private StoreException(String message, boolean retryable, boolean fenced) {
        super(message);
        this.retryable = retryable;
        this.fenced = fenced;
    }

    /**
     * A write refused by the database because the flow's lease moved on to another server (or the write would undo
     * a terminal status): never worth trying again here; the flow must stop on this server.
     */
    public static StoreException fenced(String message) {
        return new StoreException(message, false, true);
    }

    public boolean fenced() {
        return fenced;
    }

    /** Whether {@code e}, or what caused it, is a write refused by fencing. */
    public static boolean fenced(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StoreException s && s.fenced()) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param retryable the disk is full (or failing to write), or the database is out of reach: the same write may
     *     succeed later, so flows hold rather than fail
     */
    public StoreException(String message, boolean retryable) {
        this(message, retryable, false);
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
