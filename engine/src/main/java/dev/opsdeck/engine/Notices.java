package dev.opsdeck.engine;

import dev.opsdeck.engine.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Outbound notifications claimed in the store, so that with {@code --notify-webhook} on every server of a team each is
 * sent once: the first server to claim a notification (per receiver) sends it, refreshing its claim before each retry;
 * a claim left undone for {@link #STALE} (its server died, or lost the database, before delivering) is taken over by
 * another server, which sends it then. This server is named by its team name ({@link Engine#instance()}).
 */
public final class Notices {

    /** Longer than one attempt and its wait (10 s timeout, 8 s at most between retries): a live holder refreshes. */
    public static final Duration STALE = Duration.ofSeconds(30);

    private final Store store;
    private final Clock clock;
    private final String holder;

    Notices(Store store, Clock clock, String holder) {
        this.store = store;
        this.clock = clock;
        this.holder = holder;
    }

    /**
     * Whether this server sends notification {@code key} to {@code receiver} (a name that does not reveal its URL);
     * asked again before each retry, false once another server took it over.
     *
     * @throws dev.opsdeck.engine.store.StoreException when the store cannot be reached or written
     */
    public boolean claim(String key, String receiver, String body) {
        return store.claimNotice(key, receiver, body, holder, now(), STALE.toSeconds());
    }

    /** Sent, or given up: nobody sends it again. */
    public void done(String key, String receiver) {
        store.noticeDone(key, receiver);
    }

    /**
     * Notifications to these receivers whose holder left them undone too long: claim each ({@link #claim}) before
     * sending it.
     */
    public List<Store.Notice> stale(List<String> receivers, int max) {
        return store.staleNotices(now(), STALE.toSeconds(), receivers, max);
    }

    private double now() {
        return clock.millis() / 1000.0;
    }
}
