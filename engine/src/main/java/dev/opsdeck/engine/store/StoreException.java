package dev.opsdeck.engine.store;

/** The data file cannot be opened, read or written; the message is fit for the user's terminal. */
public final class StoreException extends RuntimeException {

    private final boolean lackOfRoom;

    public StoreException(String message) {
        this(message, false);
    }

    /** @param lackOfRoom the disk is full (or failing to write): the same write may succeed once there is room */
    public StoreException(String message, boolean lackOfRoom) {
        super(message);
        this.lackOfRoom = lackOfRoom;
    }

    public boolean lackOfRoom() {
        return lackOfRoom;
    }

    /** Whether {@code e}, or what caused it, is a write that failed for want of room. */
    public static boolean lackOfRoom(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StoreException s && s.lackOfRoom()) {
                return true;
            }
        }
        return false;
    }
}
