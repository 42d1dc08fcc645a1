package dev.opsdeck.bridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.drafts.Draft_6455;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A joining client is offered the writer's batches before its snapshot is sent. Those its snapshot (or replay)
 * already covers are not its backlog: a writer running behind by more than the bound used to get the client dropped
 * for events it would never be sent (seen as a flaky {@code ReplayBoundTest}).
 */
class ClientSessionJoinTest {

    private static final int BOUND = 1 << 20;

    private final ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger ended = new AtomicInteger();

    @AfterEach
    void stop() {
        reaper.shutdownNow();
    }

    @Test
    void batchesTheSnapshotCovers_doNotCountAgainstTheBound() {
        ClientSession session = joining();
        for (long seq = 1; seq <= 6; seq++) {
            session.offer(batch(seq, 400_000)); // 2.4 MB behind the writer, all older than the client's mark
        }
        session.marked(6);
        session.offer(batch(7, 1_000));

        assertThat(ended).as("dropped for events its snapshot has").hasValue(0);
    }

    @Test
    void afterTheMark_whatTheClientStillNeeds_isBoundedAsBefore() {
        ClientSession session = joining();
        session.marked(0);
        for (long seq = 1; seq <= 3; seq++) {
            session.offer(batch(seq, 400_000));
        }

        assertThat(ended).as("1.2 MB it still needs, past a 1 MB bound").hasValue(1);
    }

    private ClientSession joining() {
        BridgeSocket socket = new BridgeSocket(new Listener(), List.of(new Draft_6455()));
        return new ClientSession(1, socket, s -> ended.incrementAndGet(), BOUND, Duration.ofSeconds(1), reaper);
    }

    private static Batch batch(long seq, int bytes) {
        return new Batch(new long[] {seq}, List.of(new byte[bytes]));
    }

    /** The socket's library callbacks: nothing here is connected, so none of them has anything to do. */
    private static final class Listener extends WebSocketAdapter {
        @Override
        public void onWebsocketMessage(WebSocket conn, String message) {
        }

        @Override
        public void onWebsocketMessage(WebSocket conn, ByteBuffer blob) {
        }

        @Override
        public void onWebsocketOpen(WebSocket conn, org.java_websocket.handshake.Handshakedata d) {
        }

        @Override
        public void onWebsocketClose(WebSocket ws, int code, String reason, boolean remote) {
        }

        @Override
        public void onWebsocketClosing(WebSocket ws, int code, String reason, boolean remote) {
        }

        @Override
        public void onWebsocketCloseInitiated(WebSocket ws, int code, String reason) {
        }

        @Override
        public void onWebsocketError(WebSocket conn, Exception ex) {
        }

        @Override
        public void onWriteDemand(WebSocket conn) {
        }

        @Override
        public InetSocketAddress getLocalSocketAddress(WebSocket conn) {
            return null;
        }

        @Override
        public InetSocketAddress getRemoteSocketAddress(WebSocket conn) {
            return null;
        }
    }
}
