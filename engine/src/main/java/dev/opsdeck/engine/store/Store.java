package dev.opsdeck.engine.store;

import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Outcome;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Envelope;
import dev.opsdeck.engine.workflow.Stage;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * The durable record, as a port: tickets, channels and each channel's journal of envelopes. Every write is on disk
 * before it returns, so what the engine has published survives a {@code kill -9}. {@link SqliteStore} is the
 * embedded default; {@link PostgresStore} is the shared one several servers use at once (team mode), held to the
 * same contract ({@code StoreContract} in the tests).
 *
 * <p>The engine writes through {@link #record}: the store is a projection of the event stream. Ticket events are
 * kept in an event log (a ticket is the fold of its events, see {@code TicketFold}); a shared store logs every event,
 * and the other servers read that log by id.
 */
public interface Store extends AutoCloseable {

    /** The embedded store in {@code dataDir} (checked first: see {@link StoreCheck}). */
    static Store open(Path dataDir) {
        return SqliteStore.open(dataDir);
    }

    /**
     * The store a configuration names: the shared PostgreSQL at {@code database}
     * ({@code postgresql://USER:PASS@HOST:PORT/DB}), or without one the embedded store in {@code dataDir}.
     */
    static Store of(Path dataDir, String database) {
        if (database == null || database.isBlank()) {
            return open(dataDir);
        }
        DatabaseUrl url = DatabaseUrl.parse(database);
        return PostgresStore.open(url.jdbc(), url.user(), url.password());
    }

    /**
     * Records {@code events}, from the server named {@code origin}, in one transaction, each with what it changes:
     * a ticket event upserts its ticket, a reset archives the view and forgets the debounce, a channel's events open,
     * journal and close it, a sign-off request stores its deadline. All of them are on disk, or (on a failure)
     * none, before this returns.
     */
    void record(String origin, List<EngineEvent> events);

    /** The tickets in view and where in the event log they stand, read at one instant: the log goes on from there. */
    View view();

    /** Logged events after {@code mark}, in the log's order, at most {@code max}. */
    List<Logged> eventsAfter(Mark mark, int max);

    /** A ticket as stored now (in view or archived), for a server about to take its flow over. */
    Optional<Ticket> ticket(String id);

    /** Tickets in view that are not terminal; those whose flow has started ({@code running}). */
    int openTickets(boolean running);

    /**
     * Claims the verdict of the pending sign-off on {@code channelId}: the first claim wins, whichever server took
     * it; a channel with no sign-off asked, or already closed, takes none. {@code requestId}: the answering client's
     * id for its request (null when it gave none), told back with the verdict by whichever server applies it.
     */
    boolean claimAnswer(String channelId, Outcome outcome, String decision, String by, String requestId, double at);

    /** As {@link #claimAnswer(String, Outcome, String, String, String, double)} for an answer with no request id. */
    default boolean claimAnswer(String channelId, Outcome outcome, String decision, String by, double at) {
        return claimAnswer(channelId, outcome, decision, by, null, at);
    }

    /**
     * Claims {@code user}'s idempotency {@code key} for {@code request} (a client's retry-safe command): empty when the
     * caller now holds it, and must then {@link #answerKey answer} or {@link #releaseKey release} it; else what holds
     * it (another request, or this one, answered or still being answered). The first claim wins across every server
     * of a team. A claim left unanswered for {@code stale} seconds (its server died mid-request) may be taken again;
     * keys older than {@code ttl} seconds are forgotten.
     */
    Optional<KeptRequest> claimKey(String user, String key, String request, double now, double stale, double ttl);

    /** The answer to the request a held key was claimed for, given to every retry from now on. */
    void answerKey(String user, String key, int status, String body);

    /** Gives a held key up unanswered (the request failed on this server's side): a retry runs it afresh. */
    void releaseKey(String user, String key);

    /**
     * Claims the sending of notification {@code key} to {@code receiver} for {@code holder}: true when the caller now
     * holds it (it was the first, it holds it already, or its holder left it undone for {@code stale} seconds), and
     * should send it, then say {@link #noticeDone}. Across a team the first claim wins, so each is sent once.
     */
    boolean claimNotice(String key, String receiver, String body, String holder, double now, double stale);

    /** A held notification was sent, or given up after its last try: nobody sends it again. */
    void noticeDone(String key, String receiver);

    /**
     * Notifications to one of {@code receivers} not done, whose holder's claim is older than {@code stale} seconds
     * (their holder died), oldest first.
     */
    List<Notice> staleNotices(double now, double stale, List<String> receivers, int max);

    /** The verdict claimed on a channel, if any. */
    Optional<Verdict> answer(String channelId);

    /** When an incident of this debounce key was last injected (epoch seconds); forgotten by a reset. */
    OptionalDouble lastInject(String key);

    void injected(String key, double at);

    // ---- team mode: a store several servers share. The defaults are those of a store one process owns. ----------

    /** Whether other servers use this store too. */
    default boolean shared() {
        return false;
    }

    /** A ticket number no server has issued, from the database. Only a shared store issues numbers. */
    default int issueNumber() {
        throw new UnsupportedOperationException("a store one process owns leaves numbering to it");
    }

    /** Takes the lease on a ticket's flow: true if this server now runs it (no other server does). */
    default boolean lease(String ticketId) {
        return true;
    }

    default void release(String ticketId) {
    }

    /** The team name this server writes on the leases it takes (who holds what, for an operator reading them). */
    default void holder(String name) {
    }

    /**
     * Whether this server still holds the lease of a ticket's flow under the epoch it took it with: false once the
     * lease was lost, or taken over by another server (whose epoch then fences this server's writes).
     */
    default boolean holdsLease(String ticketId) {
        return true;
    }

    /**
     * As {@link #eventsAfter}, for a request's thread rather than the log's follower: a shared store reads it on the
     * writes' session, so that a reader resuming its event stream never waits out the follower's wait for news.
     */
    default List<Logged> logAfter(Mark mark, int max) {
        return eventsAfter(mark, max);
    }

    /**
     * Whether this server wrote the logged row at {@code mark} in a transaction it never saw commit (the link dropped
     * while the commit's answer was on its way): the row is there, so it did, and nobody here published it. Told
     * once; waits for the outcome of a commit still under way.
     */
    default boolean committedInDoubt(Mark mark) {
        return false;
    }

    /** Whether {@code mark} names a row of this store's log: a position from another log (or made up) does not. */
    default boolean logHas(Mark mark) {
        return false;
    }

    /** Whether every session a shared store needs is there now; a store one process owns always is. */
    default boolean reachable() {
        return true;
    }

    /** Runs {@code work} while no other server runs work of its own under this (admission: cap and debounce). */
    default <T> T exclusively(Supplier<T> work) {
        return work.get();
    }

    /**
     * Waits up to {@code millis} for another server to log something or claim an answer. A store one process owns
     * has nobody to wait for.
     */
    default News awaitNews(long millis) {
        return News.NONE;
    }

    /**
     * Whether rows after {@code mark} have committed that a reader may not take yet (an older transaction still
     * writes): worth reading again shortly rather than at the next notification.
     */
    default boolean logPending(Mark mark) {
        return false;
    }

    /**
     * Whether the session holding this server's leases is still there. False once it was lost, and with it every
     * lease it held (a new session is opened for the next ones): the flows running here must stop.
     */
    default boolean leasesHeld() {
        return true;
    }

    /** After a failed read of a shared store: replaces what broke, so the next read can catch up. */
    default void recover() {
    }

    /**
     * Writes who is connected to {@code server} now (replacing what it wrote before) and beats for it: its people
     * count for {@link #presence} until {@link #PRESENCE_LEASE} after its last beat. A store one process owns keeps
     * none: its one server knows its people.
     */
    default void present(String server, List<dev.opsdeck.engine.presence.Person> people) {
    }

    /** {@code server} leaves: its people are gone from {@link #presence} at once. */
    default void absent(String server) {
    }

    /** Everyone connected to a server of the team whose beat is fresher than {@link #PRESENCE_LEASE}. */
    default List<dev.opsdeck.engine.presence.Person> presence() {
        return List.of();
    }

    /** How long a server's people count without a beat: a server that died drops out after it. */
    java.time.Duration PRESENCE_LEASE = java.time.Duration.ofSeconds(10);

    /** Open tickets in view whose flow no live server holds the lease of (its server died). */
    default List<String> orphans() {
        return List.of();
    }

    void saveTicket(Ticket t);

    /** Whether a flow ever opened a channel for this ticket: one that has none is still waiting to start. */
    boolean hasChannels(String ticketId);

    /** Hides one ticket from the view. */
    void archive(String ticketId);

    /** Tickets oldest first; archived ones only if asked. */
    List<Ticket> tickets(boolean archived);

    /** Numbers up to {@code n} count as issued even without a ticket row (a salvage that lost the newest rows). */
    void reserveNumbersUpTo(int n);

    /** The highest ticket number ever issued, archived tickets and reserved numbers included; 0 when there is none. */
    int highestNumber();

    void openChannel(String channelId, String ticketId, Stage stage);

    void closeChannel(String channelId, String reason);

    void setSignOffDeadline(String channelId, Double deadline);

    void append(Envelope e);

    /** One channel's journal, oldest first. */
    List<Envelope> journal(String channelId);

    /** The channels of a ticket, in the order they were opened. */
    List<ChannelRecord> channels(String ticketId);

    /** Whether a write goes through now (the engine asks while flows are held for want of room). */
    boolean writable();

    @Override
    void close();

    /**
     * The tickets in view, and where they stand in the log: they include every event up to {@code from}, and the
     * events after it whose ids are in {@code seen} (a shared log's readers skip those once).
     */
    record View(Mark from, java.util.Set<Long> seen, List<Ticket> tickets) {
        public View {
            seen = java.util.Set.copyOf(seen);
        }
    }

    /**
     * A place in the event log. Its order: the writing transaction's id ({@code tx}; 0 in a store one process writes),
     * then the row's id. A shared log is read in that order and only below the oldest transaction still writing, so a
     * reader never passes a row that is yet to commit.
     */
    record Mark(long tx, long id) {
        public static final Mark START = new Mark(0, 0);
    }

    /** An event as logged: its place in the log, the server that published it, the event. */
    record Logged(Mark mark, String origin, EngineEvent event) {
    }

    /** What woke a server: events logged, and the channels whose sign-off got an answer. */
    record News(boolean logged, List<String> answered) {
        public static final News NONE = new News(false, List.of());
    }

    /** A notification to send: its key, its receiver (a hash of the URL), its body. */
    record Notice(String key, String receiver, String body) {
    }

    /** A request kept under its key: what was asked and, once answered, its status and body (null until then). */
    record KeptRequest(String request, Integer status, String body) {
    }

    /** A claimed sign-off verdict: {@code decision} is the words the flow's operator post carries. */
    record Verdict(String channelId, Outcome outcome, String decision, String by, String requestId) {
    }

    /** A channel as stored: {@code closedReason} null while open; {@code signOffDeadline} null unless one was asked. */
    record ChannelRecord(String id, String ticketId, Stage stage, String closedReason, Double signOffDeadline) {
    }
}
