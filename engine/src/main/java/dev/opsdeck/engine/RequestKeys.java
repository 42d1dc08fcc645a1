package dev.opsdeck.engine;

import dev.opsdeck.engine.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Clients' idempotency keys, kept in the store: a command retried with the same key, on this server or any other of
 * its team, after a restart too, is answered as the first was and does nothing twice. The first claim of a key (per
 * user) holds it until its answer is kept; a claim whose server died before answering is given up after
 * {@link #STALE}, so a retry then runs the request again (it may have been carried out once already: that server
 * died before it could say). Keys are forgotten after {@link #KEPT}.
 */
public final class RequestKeys {

    public static final Duration KEPT = Duration.ofHours(24);
    public static final Duration STALE = Duration.ofSeconds(60);

    /** What a claim found. */
    public enum Found {
        /** The key is the caller's now: run the request, then {@link #answer} (or {@link #release}) it. */
        HELD,
        /** The same request was answered already: {@link Claim#status()} and {@link Claim#body()} are its answer. */
        ANSWERED,
        /** The same request is being answered now, on another server or by a request racing this one. */
        IN_FLIGHT,
        /** The key was used for another request. */
        OTHER_REQUEST
    }

    public record Claim(Found found, int status, String body) {
    }

    private final Store store;
    private final Clock clock;

    RequestKeys(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Claims {@code key} of {@code user} for {@code request} (anything that tells two requests apart: the route and a
     * digest of the body, say).
     *
     * @throws dev.opsdeck.engine.store.StoreException when the store cannot be reached or written
     */
    public Claim claim(String user, String key, String request) {
        Optional<Store.KeptRequest> kept = store.claimKey(user, key, request, now(), STALE.toSeconds(),
                KEPT.toSeconds());
        if (kept.isEmpty()) {
            return new Claim(Found.HELD, 0, null);
        }
        Store.KeptRequest k = kept.get();
        if (!k.request().equals(request)) {
            return new Claim(Found.OTHER_REQUEST, 0, null);
        }
        return k.status() == null ? new Claim(Found.IN_FLIGHT, 0, null)
                : new Claim(Found.ANSWERED, k.status(), k.body());
    }

    /** Keeps the answer to a held key's request. */
    public void answer(String user, String key, int status, String body) {
        store.answerKey(user, key, status, body);
    }

    /** Gives a held key up unanswered: its request failed on this side, and a retry should run it afresh. */
    public void release(String user, String key) {
        store.releaseKey(user, key);
    }

    private double now() {
        return clock.millis() / 1000.0;
    }
}
