package dev.opsdeck.bridge.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One benchmark client: counts every event after the snapshot and records receive time − {@code ts}. It reads the
 * {@code ts} off the frame's tail instead of parsing the JSON, so the clients cost the machine as little as possible.
 */
final class CountingClient implements WebSocket.Listener {

    private final LatencyHistogram latencies;
    private final Consumer<String> onFrame;
    private final StringBuilder partial = new StringBuilder();
    final AtomicLong received = new AtomicLong();
    final CompletableFuture<Void> snapshot = new CompletableFuture<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    WebSocket socket;

    CountingClient(LatencyHistogram latencies, Consumer<String> onFrame) {
        this.latencies = latencies;
        this.onFrame = onFrame;
    }

    static CountingClient connect(HttpClient http, URI uri, LatencyHistogram latencies, Consumer<String> onFrame) {
        CountingClient c = new CountingClient(latencies, onFrame);
        c.socket = http.newWebSocketBuilder().buildAsync(uri, c).join();
        return c;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String frame = partial.toString();
            partial.setLength(0);
            java.time.Instant t = java.time.Instant.now();
            double now = t.getEpochSecond() * 1000.0 + t.getNano() / 1e6;
            if (frame.startsWith("{\"type\":\"snapshot\"")) {
                snapshot.complete(null);
            } else {
                received.incrementAndGet();
                latencies.record(now - ts(frame) * 1000);
                onFrame.accept(frame);
            }
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        closed.complete(1006);
    }

    /** The frame's {@code ts}: the wire format writes it last, {@code ...,"ts":1763776800.25}. */
    static double ts(String frame) {
        int at = frame.lastIndexOf("\"ts\":");
        return Double.parseDouble(frame.substring(at + 5, frame.length() - 1));
    }
}
