package dev.opsdeck.bridge.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A WebSocket client of the bridge (or of anything speaking PROTOCOL.md), on the JDK's own client: frames arrive in
 * a queue the caller drains at its pace. Used by {@code opsdeck smoke} and by the tests.
 */
public final class WireClient implements AutoCloseable {

    /** How the connection ended: the close code and reason, or 1006 and the failure. */
    public record Closing(int code, String reason) {
    }

    private final LinkedBlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closing> closed = new CompletableFuture<>();
    private WebSocket socket;

    private WireClient() {
    }

    /**
     * Connects, with extra request headers (an {@code Origin}, an {@code Authorization}).
     *
     * @throws IOException with a one-line reason when the server cannot be reached or refuses the upgrade
     */
    public static WireClient connect(URI uri, Map<String, String> headers, Duration timeout) throws IOException {
        WireClient client = new WireClient();
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
        WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(timeout);
        headers.forEach(b::header);
        try {
            client.socket = b.buildAsync(uri, client.new Listener()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException("cannot connect to " + uri + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("cannot connect to " + uri + ": no answer within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to " + uri, e);
        }
        return client;
    }

    public static WireClient connect(URI uri) throws IOException {
        return connect(uri, Map.of(), Duration.ofSeconds(10));
    }

    /** The next frame, waiting up to {@code timeout}; empty on timeout. */
    public Optional<Frame> next(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Sends one text frame and waits until it is handed to the socket. */
    public void send(String json) throws IOException {
        try {
            socket.sendText(json, true).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot send: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending", e);
        }
    }

    /** Completes when the server closes the connection (or it fails). */
    public CompletableFuture<Closing> closed() {
        return closed;
    }

    @Override
    public void close() {
        if (socket == null) {
            return;
        }
        WebSocket ws = socket;
        if (ws.isOutputClosed()) {
            ws.abort();
            return;
        }
        // Say goodbye properly, but never wait on a server that does not answer.
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(2, TimeUnit.SECONDS)
                .whenComplete((w, e) -> ws.abort());
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(Frame.parse(partial.toString()));
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(new Closing(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(new Closing(1006, String.valueOf(error.getMessage())));
        }
    }
}
