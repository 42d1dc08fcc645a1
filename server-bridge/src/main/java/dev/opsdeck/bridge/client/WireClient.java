package dev.opsdeck.bridge.client;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ServerHandshake;

/**
 * A WebSocket client of the bridge (or of anything speaking PROTOCOL.md): frames arrive in a queue the caller drains
 * at its pace. Used by {@code opsdeck smoke}, the joined console and the tests.
 *
 * <p>It runs on Java-WebSocket's client (the library the bridge serves with), not on the JDK's
 * {@code java.net.http.WebSocket}: the JDK 17 client loses the bytes of a read that spans more than its 16 KiB buffer
 * while it hands the connection over from HTTP to WebSocket. The bridge sends the snapshot and replay the moment a
 * client is open, often in the same flight as the upgrade's answer, so about one join in fifty lost part of its
 * replay and then failed on the next frame (a ProtocolException), which looked like a stream that stopped
 * ({@code WireClientHandshakeTest}, issue 26). This client decodes what follows the 101 from the same buffer.
 */
public final class WireClient implements AutoCloseable {

    /** How the connection ended: the close code and reason, or 1006 and the failure. */
    public record Closing(int code, String reason) {
    }

    /** How long a close waits for the server's answer before the connection is cut. */
    private static final long CLOSE_WAIT_MS = 2000;
    /** Queued once the connection has ended, so that a reader waiting for a frame learns it at once. */
    private static final Frame END = Frame.parse("");

    private final LinkedBlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closing> closed = new CompletableFuture<>();
    private final Socket socket;

    private WireClient(URI uri, Map<String, String> headers, Duration timeout) {
        this.socket = new Socket(uri, headers, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    /**
     * Connects, with extra request headers (an {@code Origin}, an {@code Authorization}).
     *
     * @throws IOException with a one-line reason when the server cannot be reached or refuses the upgrade
     */
    public static WireClient connect(URI uri, Map<String, String> headers, Duration timeout) throws IOException {
        WireClient client = new WireClient(uri, headers, timeout);
        boolean open;
        try {
            open = client.socket.connectBlocking(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            client.socket.closeConnection(CloseFrame.NEVER_CONNECTED, "interrupted");
            throw new IOException("interrupted while connecting to " + uri, e);
        }
        if (!open) {
            Closing why = client.closed.getNow(null);
            client.socket.closeConnection(CloseFrame.NEVER_CONNECTED, "not connected");
            throw new IOException("cannot connect to " + uri + ": " + (why == null || why.reason().isBlank()
                    ? "no answer within " + timeout.toSeconds() + " s" : why.reason()));
        }
        return client;
    }

    public static WireClient connect(URI uri) throws IOException {
        return connect(uri, Map.of(), Duration.ofSeconds(10));
    }

    /**
     * The next frame, waiting up to {@code timeout}; empty on timeout, or at once when the connection has ended and
     * every frame it brought has been read ({@link #closed()} then says how it ended).
     */
    public Optional<Frame> next(Duration timeout) throws InterruptedException {
        Frame f = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (f == END) {
            frames.add(END); // for the next reader too
            return Optional.empty();
        }
        return Optional.ofNullable(f);
    }

    /** Sends one text frame (queued for the client's writer thread, in order). */
    public void send(String json) throws IOException {
        try {
            socket.send(json);
        } catch (WebsocketNotConnectedException e) {
            Closing why = closed.getNow(null);
            throw new IOException("cannot send: the connection is closed"
                    + (why == null ? "" : " (" + why.code() + " " + why.reason() + ")"), e);
        }
    }

    /** Completes when the server closes the connection (or it fails). */
    public CompletableFuture<Closing> closed() {
        return closed;
    }

    @Override
    public void close() {
        if (socket.isOpen()) {
            socket.close(CloseFrame.NORMAL, "bye");
        }
        // Say goodbye properly, but never wait on a server that does not answer.
        CompletableFuture.delayedExecutor(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS).execute(() -> {
            if (!socket.isClosed()) {
                socket.closeConnection(CloseFrame.NORMAL, "bye");
            }
        });
    }

    /** The library's callbacks, each handing off to the queue or the closing. */
    private final class Socket extends WebSocketClient {

        Socket(URI uri, Map<String, String> headers, int connectTimeoutMs) {
            super(uri, new Draft_6455(), headers, connectTimeoutMs);
            setTcpNoDelay(true); // a request should not wait for the server's delayed ACK
            setDaemon(true);
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
        }

        @Override
        public void onMessage(String message) {
            frames.add(Frame.parse(message));
        }

        @Override
        public void onMessage(ByteBuffer bytes) {
            // the protocol has no binary events: nothing to queue
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            ended(new Closing(code, reason == null ? "" : reason));
        }

        @Override
        public void onError(Exception error) {
            ended(new Closing(CloseFrame.ABNORMAL_CLOSE, String.valueOf(error.getMessage())));
        }

        private void ended(Closing how) {
            if (closed.complete(how)) {
                frames.add(END);
            }
        }
    }
}
