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
            bridge = Bridge.start(engine, config);
            String url = bridge.url();
            bridge.onClientsChanged(n -> set(new BridgeStatus(true, url, n, null)));
            set(new BridgeStatus(true, url, bridge.clients(), null));
        } catch (RuntimeException e) {
            log.warn("bridge did not start: {}", e.getMessage());
            bridge = null;
            set(BridgeStatus.unavailable(e.getMessage()));
        }
    }

    @Override
    public synchronized void stop() {
        if (bridge != null) {
            bridge.close();
            bridge = null;
        }
        set(BridgeStatus.off());
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
