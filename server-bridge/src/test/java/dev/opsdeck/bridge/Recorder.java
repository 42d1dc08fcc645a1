package dev.opsdeck.bridge;

import static org.assertj.core.api.Assertions.fail;

import dev.opsdeck.bridge.client.Frame;
import dev.opsdeck.bridge.client.WireClient;
import dev.opsdeck.engine.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** A test client that keeps every frame it has read, in order, and waits on conditions (never on time alone). */
final class Recorder implements AutoCloseable {

    final WireClient client;
    final List<Frame> frames = new ArrayList<>();
    /** The {@code presence} messages read, apart from the stream's events. */
    final List<Frame> presence = new ArrayList<>();

    Recorder(WireClient client) {
        this.client = client;
    }

    /** Reads until a frame matches; fails the test if none does within the wait, or the connection ends first. */
    Frame until(Predicate<Frame> match, String what) throws InterruptedException {
        return until(match, what, TestBridge.WAIT);
    }

    /** As {@link #until(Predicate, String)}, waiting up to {@code wait}. */
    Frame until(Predicate<Frame> match, String what, Duration wait) throws InterruptedException {
        long end = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < end) {
            Optional<Frame> f = client.next(Duration.ofNanos(end - System.nanoTime()));
            if (f.isEmpty()) {
                break;
            }
            // The presence is about the connections, not an event of the stream: kept apart, as a pong would be.
            (f.get().type().equals("presence") ? presence : frames).add(f.get());
            if (match.test(f.get())) {
                return f.get();
            }
        }
        WireClient.Closing closing = client.closed().getNow(null);
        return fail("no " + what + " within " + wait.toSeconds() + " s; got " + types()
                + (closing == null ? "" : "; the connection ended: " + closing.code() + " " + closing.reason()));
    }

    Frame untilType(String type) throws InterruptedException {
        return until(f -> f.type().equals(type), type);
    }

    /** Reads until a ticket_status of {@code ticketId} with a terminal status. */
    Frame untilTerminal(String ticketId) throws InterruptedException {
        return until(f -> f.type().equals("ticket_status") && f.text("id").equals(ticketId)
                && Wire.TERMINAL.contains(f.text("status")), "terminal status of " + ticketId);
    }

    void send(Map<String, ?> message) throws IOException {
        client.send(Json.write(message));
    }

    void send(String raw) throws IOException {
        client.send(raw);
    }

    void answer(String channelId, String decision) throws IOException {
        Map<String, Object> m = new HashMap<>();
        m.put("type", "hitl_response");
        m.put("channel_id", channelId);
        m.put("decision", decision);
        send(m);
    }

    List<String> types() {
        List<String> t = new ArrayList<>();
        frames.forEach(f -> t.add(f.type()));
        return t;
    }

    List<Frame> ofType(String type) {
        return frames.stream().filter(f -> f.type().equals(type)).toList();
    }

    @Override
    public void close() {
        client.close();
    }
}
