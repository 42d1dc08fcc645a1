package dev.opsdeck.desktop.bridge;

import dev.opsdeck.bridge.Bridge;
import dev.opsdeck.bridge.BridgeConfig;
import dev.opsdeck.engine.Engine;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server-bridge embedded in the console: the same bridge as {@code opsdeck serve}, on loopback, mirroring the
 * console's engine to remote clients (the React frontend), who can answer sign-offs too.
 */
public final class EmbeddedBridge implements BridgeControl {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedBridge.class);

    private final Engine engine;
    private final List<Consumer<BridgeStatus>> listeners = new CopyOnWriteArrayList<>();
    private Bridge bridge;
    private BridgeStatus status = BridgeStatus.off();

    public EmbeddedBridge(Engine engine) {
        this.engine = engine;
    }

    @Override
    public synchronized void start(int port, String token) {
        if (bridge != null) {
            return;
        }
        try {
            BridgeConfig config = BridgeConfig.defaults().withPort(port)
                    .withToken(token == null || token.isBlank() ? null : token);
            Bridge started = Bridge.start(engine, config);
            bridge = started;
            String url = started.url();
            started.onClientsChanged(n -> {
                // From the server's threads; a count from a bridge already stopped must not revive its status.
                if (isCurrent(started)) {
                    set(new BridgeStatus(true, url, n, null));
                }
            });
            set(new BridgeStatus(true, url, started.clients(), null));
        } catch (RuntimeException e) {
            log.warn("bridge did not start: {}", e.getMessage());
            bridge = null;
            set(BridgeStatus.unavailable(e.getMessage()));
        }
    }

    /**
     * Closes the bridge outside this object's lock: closing waits for the server's threads, which report client
     * counts through this object (holding the lock here deadlocked a stop racing a client's disconnect).
     */
    @Override
    public void stop() {
        Bridge closing;
        synchronized (this) {
            closing = bridge;
            bridge = null;
        }
        if (closing != null) {
            closing.close();
        }
        set(BridgeStatus.off());
    }

    private synchronized boolean isCurrent(Bridge b) {
        return bridge == b;
    }

    @Override
    public synchronized BridgeStatus status() {
        return status;
    }

    @Override
    public void onStatus(Consumer<BridgeStatus> listener) {
        listeners.add(listener);
    }

    private void set(BridgeStatus next) {
        synchronized (this) {
            status = next;
        }
        listeners.forEach(l -> l.accept(next));
    }
}
