package dev.opsdeck.desktop.process;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.engine.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** A server's plain documents read as a user's curl would, and a bounded wait on what they say. */
final class Http {

    private Http() {
    }

    /** {@code GET /path} of the server whose {@code /ws} URL is {@code ws}, as JSON. */
    static JsonNode get(String ws, String path) throws IOException, InterruptedException {
        URI uri = URI.create(ws.replace("ws://", "http://").replace("/ws", path));
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        return Json.MAPPER.readTree(body);
    }

    /**
     * Waits until {@code condition} holds, reading it every 100 ms: another process's state has no event to wait on
     * from here. A timeout says what was awaited and {@code state} (what the other side looked like).
     */
    static void until(String what, Duration within, Callable<Boolean> condition, Callable<String> state)
            throws Exception {
        long end = System.nanoTime() + within.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + within.toSeconds() + " s waiting until " + what
                        + " — " + state.call());
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }
}
