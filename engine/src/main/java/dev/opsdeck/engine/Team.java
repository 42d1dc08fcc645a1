package dev.opsdeck.engine;

import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Level;
import dev.opsdeck.engine.store.Store;
import dev.opsdeck.engine.store.StoreException;
import dev.opsdeck.engine.ticket.Tickets;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This server's part in a team of servers sharing one store, on one thread of its own ({@code opsdeck-team}):
 * <ul>
 * <li>follows the store's event log by id and publishes what the other servers logged on this server's stream, so
 * its clients see every event once, in order per ticket; a notification only wakes it, and it reads at least every
 * {@link #TICK} whatever happens to notifications;
 * <li>applies the sign-off answers other servers claimed for the flows that run here;
 * <li>takes over the flows whose server died: their leases are free once its connection is gone, and a flow is taken
 * only after the log was read to its end, so it goes on from exactly where it stood.
 * </ul>
 */
final class Team {

    private static final Logger log = LoggerFactory.getLogger(Team.class);

    /** The longest a server waits between two looks at the log, and between two looks for orphaned flows. */
    static final Duration TICK = Duration.ofMillis(500);
    private static final int BATCH = 500;

    private final Engine engine;
    private final Store store;
    private final Tickets tickets;
    private final Thread thread;
    private volatile boolean leaving;
    /** Why the database cannot be used now (set by this thread, read by the health), or null. */
    private volatile String problem;
    private long lostAt;
    private Store.Mark last;
    /** Rows after {@code last} the view was loaded with already: read once, not published. */
    private final java.util.Set<Long> seen;
    /** Every row read, in the log's order, for the readers that follow the team's one order. */
    private final TeamLog teamLog;

    private Team(Engine engine, Store store, Tickets tickets) {
        this.engine = engine;
        this.store = store;
        this.tickets = tickets;
        this.last = tickets.loaded().from();
        this.seen = new java.util.HashSet<>(tickets.loaded().seen());
        this.teamLog = new TeamLog(store);
        this.thread = new Thread(this::run, "opsdeck-team");
        this.thread.setDaemon(true);
    }

    static Team join(Engine engine, Store store, Tickets tickets) {
        Team team = new Team(engine, store, tickets);
        team.thread.start();
        return team;
    }

    private static final java.util.concurrent.atomic.AtomicInteger ENGINES = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * {@code host:pid}, and {@code #n} for a second engine in one process (tests run two): unique among the live
     * servers of a team, and it says where to look.
     */
    static String instanceName() {
        String host = System.getenv().getOrDefault("HOSTNAME", "localhost");
        int n = ENGINES.incrementAndGet();
        return host + ":" + ManagementFactory.getRuntimeMXBean().getPid() + (n == 1 ? "" : "#" + n);
    }

    /** Work that must see every row committed before it was asked for: run after the next complete read. */
    private final java.util.Queue<Runnable> afterRead = new java.util.concurrent.ConcurrentLinkedQueue<>();

    void afterNextRead(Runnable work) {
        afterRead.add(work);
    }

    /** Reads the log, then runs {@code due}; what could not run (the store went away) waits for the next read. */
    private int readThenRun(List<Runnable> due) {
        int read;
        try {
            read = readLog();
        } catch (RuntimeException e) {
            afterRead.addAll(due);
            throw e;
        }
        for (int i = 0; i < due.size(); i++) {
            try {
                due.get(i).run();
            } catch (StoreException e) {
                afterRead.addAll(due.subList(i, due.size()));
                throw e;
            }
        }
        return read;
    }

    private static List<Runnable> drain(java.util.Queue<Runnable> queue) {
        List<Runnable> out = new java.util.ArrayList<>();
        for (Runnable r = queue.poll(); r != null; r = queue.poll()) {
            out.add(r);
        }
        return out;
    }

    TeamLog log() {
        return teamLog;
    }

    /** Why this server cannot work with the team's database now, or empty: what {@code /healthz} tells. */
    Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    private void run() {
        long nextTick = 0;
        long retry = 0;
        Store.News news = Store.News.NONE;
        while (!leaving) {
            try {
                if (problem != null) {
                    store.recover(); // every session back first: the log, the writes, the leases
                }
                int read = readThenRun(drain(afterRead));
                // Rows committed behind an older transaction still writing: look again soon, since that
                // transaction's end may wake nobody (not every write logs an event); backing off only while the
                // log makes no progress.
                if (!store.logPending(last)) {
                    retry = 0;
                } else {
                    retry = read > 0 ? 1 : Math.min(TICK.toMillis(), Math.max(1, retry * 2));
                }
                for (String channel : news.answered()) {
                    engine.answeredElsewhere(channel);
                }
                if (System.nanoTime() - nextTick >= 0) {
                    checkLeases();
                    // Notifications are only a wake-up: what one may have missed is looked at every tick.
                    engine.lookForAnswers();
                    takeOverOrphans();
                    presence();
                    nextTick = System.nanoTime() + TICK.toNanos();
                }
                if (problem != null && store.reachable()) {
                    back();
                }
                long untilTick = Math.max(1, (nextTick - System.nanoTime()) / 1_000_000);
                news = store.awaitNews(retry > 0 ? Math.min(retry, untilTick) : untilTick);
            } catch (StoreException e) {
                if (leaving) {
                    return;
                }
                lost(e.getMessage());
                pause();
            } catch (RuntimeException e) {
                if (leaving) {
                    return;
                }
                log.error("team: following the shared store failed", e);
                pause();
            }
        }
    }

    /** The session holding the leases was lost (and with it the leases): the flows running here stop now. */
    private void checkLeases() {
        if (!store.leasesHeld()) {
            engine.leasesLost();
        }
    }

    /** The database is out of reach: said once, on the stream and in the health, until it is back. */
    private void lost(String why) {
        log.warn("team: {}", why);
        boolean first = problem == null;
        if (first) {
            problem = "this server cannot reach the team's database (" + why + ")";
            lostAt = System.nanoTime();
        }
        // Before anything is told (telling tries the store too, which may hang up to its timeout): the flows whose
        // lease session is gone stop now, before another server takes them over.
        checkLeases();
        if (first) {
            engine.publish(new EngineEvent.ErrorReported("store", "team: " + problem + "; its flows stop here and go"
                    + " on on the servers that can; answers given here are refused until it is back"));
        }
    }

    private void back() {
        long ms = (System.nanoTime() - lostAt) / 1_000_000;
        problem = null;
        log.warn("team: the database answers again after {} ms", ms);
        engine.publish(new EngineEvent.LogLine("opsdeck", "team: this server reaches the team's database again ("
                + ms + " ms without it); leases are taken again and flows go on from their journals", Level.WARN));
    }

    /**
     * Publishes every event logged since the last read, the other servers' only: this server's are out already.
     * Returns how many rows were read.
     */
    private int readLog() {
        String me = engine.instance();
        int read = 0;
        for (List<Store.Logged> batch = store.eventsAfter(last, BATCH); !batch.isEmpty();
                batch = store.eventsAfter(last, BATCH)) {
            for (Store.Logged l : batch) {
                // This server's own rows are out already, except one whose commit it never saw answered.
                boolean mine = me.equals(l.origin());
                if (!seen.remove(l.mark().id()) && (!mine || store.committedInDoubt(l.mark()))) {
                    if (mine) {
                        wentThrough(l.event());
                    }
                    if (l.event() instanceof EngineEvent.Reset reset) {
                        engine.resetElsewhere(reset);
                    } else {
                        tickets.recorded(l.event());
                        if (l.event() instanceof EngineEvent.TicketChanged c && engine.runsFlowOf(c.ticket().id())) {
                            // A person's act taken there may have raced this server's own write of the ticket:
                            // once that write is through, the act is written into the ticket again here.
                            tickets.takeRemarks(c.ticket());
                        }
                    }
                }
                last = l.mark();
                read++;
            }
            teamLog.read(batch);
        }
        return read;
    }

    /** Said before the event: this server had told its write failed (and held the flow), the log says otherwise. */
    private void wentThrough(EngineEvent e) {
        String what = e instanceof EngineEvent.TicketChanged c ? c.ticket().id() + "'s " + e.type() + " ("
                + c.ticket().status().label() + ")" : e.type();
        log.warn("team: {} went through although its commit's answer was lost", what);
        engine.publish(new EngineEvent.LogLine("opsdeck", "team: " + what + ", written here as the link to the"
                + " database dropped, went through after all (the log has it); published now", Level.WARN));
    }

    /**
     * This server's people are written when they changed and beaten every {@link #BEAT} (a server that stops, dies
     * or is cut off drops out after the store's lease); the others' are read every tick.
     */
    private void presence() {
        dev.opsdeck.engine.presence.Presence p = engine.presence();
        if (p.takeUnsaved() || System.nanoTime() - lastBeat >= BEAT.toNanos()) {
            try {
                store.present(engine.instance(), p.mine());
            } catch (StoreException e) {
                p.unsavedAgain();
                throw e;
            }
            lastBeat = System.nanoTime();
        }
        p.readElsewhere(store.presence());
    }

    /** How often a server beats its presence, well inside the store's lease. */
    static final Duration BEAT = Duration.ofSeconds(3);
    private long lastBeat = System.nanoTime() - BEAT.toNanos();

    /** Leases the open tickets no live server holds, reads the log to its end, and goes on with their flows here. */
    private void takeOverOrphans() {
        for (String id : store.orphans()) {
            if (!engine.runsFlowOf(id) && store.lease(id)) {
                readLog();
                if (!engine.takeOver(id)) {
                    store.release(id); // it ended, or it was never ours to take
                }
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(TICK.toMillis()); // a database that went away: try again shortly, not in a tight loop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            leaving = true;
        }
    }

    void leave() {
        leaving = true;
        thread.interrupt();
        try {
            thread.join(TICK.toMillis() * 4);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            store.absent(engine.instance()); // its people leave with it now, not after the lease
        } catch (StoreException e) {
            log.info("team: could not say this server leaves ({}); its people drop out after the lease", e.getMessage());
        }
    }
}
