package dev.opsdeck.bridge.api;

import dev.opsdeck.bridge.wire.WireFormat;
import dev.opsdeck.engine.Engine;
import dev.opsdeck.engine.TeamLog;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.EventStream;
import dev.opsdeck.engine.event.Published;
import dev.opsdeck.engine.event.Subscription;
import dev.opsdeck.engine.presence.Person;
import dev.opsdeck.engine.store.Store;
import dev.opsdeck.engine.ticket.Ticket;
import io.javalin.http.sse.SseClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/events}: the engine's stream as Server-Sent Events. On a server of its own, each event's
 * {@code id} is its sequence number in this server's stream, so {@code Last-Event-ID} resumes right after it from the
 * retained history, with nothing twice and nothing lost. In a team, the events come in the team's one order (the
 * shared log's, {@link TeamLog}) and each {@code id} is its position there ({@code TX.ID}), the same on every
 * server: a reader cut from one server resumes on any other. When the history no longer reaches back that far (a
 * reset, more events than are retained, or an id this server cannot place), the client gets a {@code snapshot}
 * first (no id), as a new one does. Written on the subscription's own thread: a slow client holds up no one else.
 */
final class EventFeed {

    private static final Logger log = LoggerFactory.getLogger(EventFeed.class);

    private final Engine engine;
    /** Numbers the readers of every feed in this process: each one's key in the engine's presence. */
    private static final AtomicInteger IDS = new AtomicInteger();

    EventFeed(Engine engine) {
        this.engine = engine;
    }

    void open(SseClient client, String user, String lastEventId, boolean replay) {
        Optional<TeamLog> team = engine.teamLog();
        if (team.isPresent()) {
            openInTeam(team.get(), client, user, lastEventId);
            return;
        }
        int n = IDS.incrementAndGet();
        client.keepAlive();
        Object lock = new Object();
        List<Published> early = new ArrayList<>();
        long[] sent = {-1}; // -1: the opening is not written yet
        Subscription sub = engine.subscribe("sse-" + n, events -> {
            synchronized (lock) {
                if (sent[0] < 0) {
                    early.addAll(events);
                    return;
                }
                sent[0] = write(client, events, sent[0]);
            }
        });
        engine.presence().arrived("sse-" + n, user, Person.API);
        client.onClose(() -> {
            sub.close();
            engine.presence().left("sse-" + n);
        });
        EventStream.Mark<List<Ticket>> mark = engine.mark(true);
        synchronized (lock) {
            long from = parse(lastEventId);
            List<Published> history = mark.history();
            long first = history.isEmpty() ? mark.seq() + 1 : history.get(0).seq();
            boolean resumable = from >= 0 && from <= mark.seq() && from >= first - 1;
            if (!resumable) {
                client.sendEvent("snapshot", WireFormat.payload(new EngineEvent.Snapshot(mark.state())));
            }
            long after = resumable ? from : (replay ? first - 1 : mark.seq());
            write(client, history, after);
            sent[0] = write(client, early, mark.seq());
            early.clear();
        }
        if (client.terminated()) {
            sub.close();
            engine.presence().left("sse-" + n);
        }
    }

    /**
     * A reader in a team: the log's rows after its {@code Last-Event-ID}, else a snapshot and the rows after it; then
     * every row the follower reads, each once, in the log's order. Not replayed to a new reader: what happened before
     * its snapshot (the team's history is the log, and the snapshot stands for it).
     */
    private void openInTeam(TeamLog team, SseClient client, String user, String lastEventId) {
        int n = IDS.incrementAndGet();
        client.keepAlive();
        Object lock = new Object();
        List<Store.Logged> early = new ArrayList<>();
        Store.Mark[] sent = {null}; // null: the opening is not written yet
        java.util.Set<Long> skip = new java.util.HashSet<>();
        Subscription sub = team.follow("sse-" + n, rows -> {
            synchronized (lock) {
                if (sent[0] == null) {
                    early.addAll(rows);
                    return;
                }
                sent[0] = writeLogged(client, rows, sent[0], skip);
            }
        });
        engine.presence().arrived("sse-" + n, user, Person.API);
        client.onClose(() -> {
            sub.close();
            engine.presence().left("sse-" + n);
        });
        synchronized (lock) {
            Optional<Store.Mark> from = TeamLog.parse(lastEventId);
            Optional<List<Store.Logged>> history = from.flatMap(team::after);
            Store.Mark after;
            if (history.isPresent()) {
                after = from.get();
            } else {
                // The view stands at a mark, plus rows of younger transactions it saw already: those come no more.
                Store.View view = team.view();
                client.sendEvent("snapshot", WireFormat.payload(new EngineEvent.Snapshot(view.tickets())));
                skip.addAll(view.seen());
                after = view.from();
                history = team.after(after).or(() -> Optional.of(List.of()));
            }
            after = writeLogged(client, history.get(), after, skip);
            sent[0] = writeLogged(client, early, after, skip);
            early.clear();
        }
        if (client.terminated()) {
            sub.close();
            engine.presence().left("sse-" + n);
        }
    }

    /** Writes the rows after {@code after} (but those in {@code skip}); returns the last position written. */
    private static Store.Mark writeLogged(SseClient client, List<Store.Logged> rows, Store.Mark after,
            java.util.Set<Long> skip) {
        Store.Mark last = after;
        for (Store.Logged row : rows) {
            if (!TeamLog.isAfter(row.mark(), last) || client.terminated()) {
                continue;
            }
            if (!skip.remove(row.mark().id())) {
                try {
                    client.sendEvent(row.event().type(), WireFormat.payload(row.event()),
                            TeamLog.position(row.mark()));
                } catch (RuntimeException e) {
                    log.debug("event stream client went away: {}", e.toString());
                    return last;
                }
            }
            last = row.mark();
        }
        return last;
    }

    /** Writes the events numbered above {@code after}; returns the last number written (or {@code after}). */
    private static long write(SseClient client, List<Published> events, long after) {
        long last = after;
        for (Published p : events) {
            if (p.seq() <= last || client.terminated()) {
                continue;
            }
            try {
                client.sendEvent(p.event().type(), WireFormat.payload(p.event()), Long.toString(p.seq()));
            } catch (RuntimeException e) {
                log.debug("event stream client went away: {}", e.toString());
                return last;
            }
            last = p.seq();
        }
        return last;
    }

    private static long parse(String id) {
        if (id == null || id.isBlank()) {
            return -1;
        }
        try {
            return Long.parseLong(id.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
