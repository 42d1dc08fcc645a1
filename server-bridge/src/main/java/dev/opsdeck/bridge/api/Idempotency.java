package dev.opsdeck.bridge.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code Idempotency-Key}: the first answer to a key (per user) is kept, and a retry with the same key and the same
 * request gets it again without doing anything twice; the same key with another request is refused. Kept in this
 * server's memory for 24 hours, at most {@link #MAX} keys (the oldest go first).
 */
final class Idempotency {

    static final int MAX = 10_000;
    private static final long TTL_MS = 24 * 3600 * 1000L;

    record Kept(String request, int status, String body, long at) {
    }

    private final Map<String, Kept> kept = new LinkedHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /** The lock a request with this key holds while it runs, so a retry racing the first waits for its answer. */
    Object lockFor(String user, String key) {
        return locks.computeIfAbsent(user + "\n" + key, k -> new Object());
    }

    synchronized Kept get(String user, String key, long now) {
        Kept k = kept.get(user + "\n" + key);
        return k == null || now - k.at() > TTL_MS ? null : k;
    }

    synchronized void put(String user, String key, Kept answer) {
        kept.put(user + "\n" + key, answer);
        var it = kept.entrySet().iterator();
        while (kept.size() > MAX && it.hasNext()) {
            locks.remove(it.next().getKey());
            it.remove();
        }
    }
}
