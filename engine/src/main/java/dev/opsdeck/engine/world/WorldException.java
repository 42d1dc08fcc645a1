package dev.opsdeck.engine.world;

/** A world file that cannot be used; the message is fit for the user's terminal. */
public final class WorldException extends RuntimeException {
    public WorldException(String message) {
        super(message);
    }
}
