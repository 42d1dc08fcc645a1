package dev.opsdeck.bridge.server;

import dev.opsdeck.bridge.wire.WireFormat;
import dev.opsdeck.engine.Engine;
import dev.opsdeck.engine.event.Published;
import dev.opsdeck.engine.event.Subscriber;
import dev.opsdeck.engine.event.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket client: its own subscription to the engine, whose thread is this client's writer (snapshot, replay,
 * then live events, in the stream's order). Writing only queues a frame for the socket; when the queue passes the
 * backlog bound the client is dropped with 1008, so a client that does not read costs a bounded amount of memory
 * and never holds up anyone else. Its own replies (pong, a refused request) are written by the thread that read the
 * request; the socket serialises the two writers.
 */
final class ClientSession implements Subscriber {

    private static final Logger log = LoggerFactory.getLogger(ClientSession.class);

    private final int id;
    private final WebSocket socket;
    private final FrameCache frames;
    private final int maxBacklog;
    private final Duration dropGrace;
    private final ScheduledExecutorService reaper;
    private Subscription subscription;
    private boolean ended;
    private final AtomicBoolean dropped = new AtomicBoolean();

    ClientSession(int id, WebSocket socket, FrameCache frames, int maxBacklog, Duration dropGrace,
            ScheduledExecutorService reaper) {
        this.id = id;
        this.socket = socket;
        this.frames = frames;
        this.maxBacklog = maxBacklog;
        this.dropGrace = dropGrace;
        this.reaper = reaper;
    }

    String name() {
        return "client-" + id;
    }

    /** Subscribes: the snapshot is written here, atomically with the subscription, so it comes first. */
    void start(Engine engine, boolean replay) {
        Subscription s = engine.subscribe("bridge-" + name(), replay,
                tickets -> write(WireFormat.snapshot(tickets, engine.config().clock().millis() / 1000.0)), this);
        synchronized (this) {
            if (!ended) {
                subscription = s;
                return;
            }
        }
        s.close(); // the socket closed while we were subscribing
    }

    @Override
    public void onEvents(List<Published> batch) {
        for (Published p : batch) {
            if (!write(frames.frame(p))) {
                return;
            }
        }
    }

    /** A frame for this client alone. */
    void reply(String frame) {
        write(frame);
    }

    /** Queues a frame; false once the client is gone or has just been dropped for falling behind. */
    private boolean write(String frame) {
        if (dropped.get() || !socket.isOpen()) {
            return false;
        }
        try {
            socket.send(frame);
        } catch (WebsocketNotConnectedException e) {
            return false; // closed under us; onClose ends the session
        }
        int backlog = ((WebSocketImpl) socket).outQueue.size();
        if (backlog > maxBacklog) {
            drop(backlog);
            return false;
        }
        return true;
    }

    private void drop(int backlog) {
        if (!dropped.compareAndSet(false, true)) {
            return; // the other writer got there first
        }
        end();
        String reason = "too slow: " + backlog + " frames unsent (limit " + maxBacklog + "); reconnect to resync";
        log.warn("dropping {} ({}): {}", name(), socket.getRemoteSocketAddress(), reason);
        socket.close(CloseFrame.POLICY_VALIDATION, reason);
        // The close frame waits behind the backlog; a client that never reads would hold the socket open forever.
        reaper.schedule(() -> {
            if (!socket.isClosed()) {
                ((WebSocketImpl) socket).closeConnection(CloseFrame.POLICY_VALIDATION, reason);
            }
        }, dropGrace.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the subscription (the socket closed, or the client was dropped). */
    void end() {
        Subscription s;
        synchronized (this) {
            ended = true;
            s = subscription;
            subscription = null;
        }
        if (s != null) {
            s.close();
        }
    }
}
