package dev.opsdeck.desktop.bridge;

import java.util.function.Consumer;

/**
 * The console's handle on the WebSocket bridge that mirrors it to remote clients. The console only starts, stops
 * and watches it; the bridge itself lives in the server-bridge module.
 */
public interface BridgeControl extends AutoCloseable {

    /** Starts serving on {@code port} (0 picks a free one); a blank token means none. Never throws: see status. */
    void start(int port, String token);

    void stop();

    BridgeStatus status();

    /** Told of every status change, on any thread (the console hops to the FX thread itself). */
    void onStatus(Consumer<BridgeStatus> listener);

    @Override
    default void close() {
        stop();
    }
}
