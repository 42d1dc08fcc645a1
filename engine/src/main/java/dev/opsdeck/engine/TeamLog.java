package dev.opsdeck.engine;

import dev.opsdeck.engine.event.Subscription;
import dev.opsdeck.engine.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The team's shared event log in its one order, the same on every server: what a reader that may resume on another
 * server follows (the HTTP API's event stream). A server's own stream is not that order: it tells its own events
 * at once, and the others' when it reads them. Here every row comes in the log's order ({@code (tx, id)}, read
 * only below the oldest transaction still writing, as {@link Team} reads it), this server's own rows included, so a
 * row's {@link Store.Mark} is a position any server of the team can resume after.
 *
 * <p>Fed by the team's follower thread; each reader has a thread of its own, so a slow one holds up nobody.
 */
public final class TeamLog {

    private static final Logger log = LoggerFactory.getLogger(TeamLog.class);

    /** How many rows back a reader may resume; further back it starts again from a snapshot. */
    public static final int RESUMABLE = 4000;

    private final Store store;
    private final List<Reader> readers = new CopyOnWriteArrayList<>();

    TeamLog(Store store) {
        this.store = store;
    }

    /** Every row the follower reads from now on, in the log's order, in batches on a thread of the reader's own. */
    public Subscription follow(String name, Consumer<List<Store.Logged>> reader) {
        Reader r = new Reader(name, reader);
        readers.add(r);
        r.thread.start();
        return () -> {
            readers.remove(r);
            r.stop();
        };
    }

    /** From the follower's thread: the rows it just read, in order. */
    void read(List<Store.Logged> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<Store.Logged> batch = List.copyOf(rows);
        for (Reader r : readers) {
            r.queue.add(batch);
        }
    }

    /** The tickets in view now and where they stand in the log (see {@link Store#view}): a fresh reader's start. */
    public Store.View view() {
        return store.view();
    }

    /**
     * The rows after {@code mark}, in order, when {@code mark} is a row of this log no more than {@link #RESUMABLE}
     * rows back; else empty (the reader starts again from a snapshot).
     */
    public Optional<List<Store.Logged>> after(Store.Mark mark) {
        if (!store.logHas(mark)) {
            return Optional.empty();
        }
        List<Store.Logged> rows = new ArrayList<>();
        for (List<Store.Logged> b = store.logAfter(mark, 500); !b.isEmpty();
                b = store.logAfter(b.get(b.size() - 1).mark(), 500)) {
            rows.addAll(b);
            if (rows.size() > RESUMABLE) {
                return Optional.empty();
            }
        }
        return Optional.of(rows);
    }

    /** Whether {@code a} comes after {@code b} in the log's order. */
    public static boolean isAfter(Store.Mark a, Store.Mark b) {
        return a.tx() != b.tx() ? a.tx() > b.tx() : a.id() > b.id();
    }

    /** A position as a reader is given it: {@code TX.ID}, the writing transaction's id and the row's. */
    public static String position(Store.Mark mark) {
        return mark.tx() + "." + mark.id();
    }

    /** The position {@link #position} wrote; empty for anything else. */
    public static Optional<Store.Mark> parse(String position) {
        if (position == null) {
            return Optional.empty();
        }
        String[] parts = position.trim().split("\\.", -1);
        if (parts.length != 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Store.Mark(Long.parseLong(parts[0]), Long.parseLong(parts[1])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static final class Reader {
        private static final List<Store.Logged> STOP = List.of();
        final LinkedBlockingQueue<List<Store.Logged>> queue = new LinkedBlockingQueue<>();
        final Thread thread;

        Reader(String name, Consumer<List<Store.Logged>> reader) {
            thread = new Thread(() -> drain(reader), "opsdeck-teamlog-" + name);
            thread.setDaemon(true);
        }

        private void drain(Consumer<List<Store.Logged>> reader) {
            while (true) {
                List<Store.Logged> batch;
                try {
                    batch = queue.take();
                } catch (InterruptedException e) {
                    return;
                }
                if (batch == STOP) {
                    return;
                }
                List<List<Store.Logged>> more = new ArrayList<>();
                queue.drainTo(more);
                boolean stop = more.remove(STOP);
                List<Store.Logged> all = new ArrayList<>(batch);
                more.forEach(all::addAll);
                try {
                    reader.accept(all);
                } catch (RuntimeException e) {
                    log.error("team log reader {} failed on {} rows", thread.getName(), all.size(), e);
                }
                if (stop) {
                    return;
                }
            }
        }

        void stop() {
            queue.add(STOP);
        }
    }
}
