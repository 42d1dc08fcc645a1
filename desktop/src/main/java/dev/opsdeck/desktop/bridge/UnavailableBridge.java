package dev.opsdeck.desktop.bridge;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Stands in until the server-bridge module is wired in: always off, and says why when asked to start. */
public final class UnavailableBridge implements BridgeControl {

    private final List<Consumer<BridgeStatus>> listeners = new ArrayList<>();
    private final String why;
    private BridgeStatus status = BridgeStatus.off();

    public UnavailableBridge() {
        this("bridge not available in this build");
    }

    /** @param why what the operator reads when the bridge is switched on */
    public UnavailableBridge(String why) {
        this.why = why;
    }

    @Override
    public synchronized void start(int port, String token) {
        set(BridgeStatus.unavailable(why));
    }

    @Override
    public synchronized void stop() {
        set(BridgeStatus.off());
    }

    @Override
    public synchronized BridgeStatus status() {
        return status;
    }

    @Override
    public synchronized void onStatus(Consumer<BridgeStatus> listener) {
        listeners.add(listener);
    }

    private void set(BridgeStatus next) {
        status = next;
        listeners.forEach(l -> l.accept(next));
    }
}
