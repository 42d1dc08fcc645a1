package dev.opsdeck.engine.store;

import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Envelope;
import dev.opsdeck.engine.workflow.Stage;
import java.nio.file.Path;
import java.util.List;

/**
 * The durable record, as a port: tickets, channels and each channel's journal of envelopes. Every write is on disk
 * before it returns, so what the engine has published survives a {@code kill -9}. {@link SqliteStore} is the
 * embedded default; a shared database is the next adapter (issue 14), held to the same contract
 * ({@code StoreContract} in the tests).
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

    void saveTicket(Ticket t);

    /** Saves several tickets in one transaction: all of them are on disk, or (on a failure) none. */
    void saveTickets(List<Ticket> tickets);

    /** Whether a flow ever opened a channel for this ticket: one that has none is still waiting to start. */
    boolean hasChannels(String ticketId);

    /** Hides every ticket from the view; they stay stored and their numbers stay taken. */
    void archiveAll();

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

    /** A channel as stored: {@code closedReason} null while open; {@code signOffDeadline} null unless one was asked. */
    record ChannelRecord(String id, String ticketId, Stage stage, String closedReason, Double signOffDeadline) {
    }
}
