package dev.opsdeck.bridge.api;

import dev.opsdeck.engine.RequestKeys;

/**
 * {@code Idempotency-Key} on this server: the keys themselves are the engine's ({@link RequestKeys}, in the store,
 * so team-wide); here only a lock per key (striped, so bounded) under which a request runs, so a retry racing the
 * first on this same server waits for its answer rather than being told it is in flight.
 */
final class Idempotency {

    private static final int STRIPES = 64;

    private final RequestKeys keys;
    private final Object[] locks = new Object[STRIPES];

    Idempotency(RequestKeys keys) {
        this.keys = keys;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    RequestKeys keys() {
        return keys;
    }

    /** The lock a request with this key holds while it runs. */
    Object lockFor(String user, String key) {
        return locks[Math.floorMod((user + "\n" + key).hashCode(), STRIPES)];
    }
}
