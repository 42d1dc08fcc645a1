package dev.opsdeck.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.testing.PostgresServer;
import dev.opsdeck.engine.ticket.Status;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Envelope;
import dev.opsdeck.engine.workflow.Stage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two servers' stores on one real PostgreSQL, driven through random interleavings of what happens to a team: each
 * takes the lease of one flow, the database drops a lease session, a server notices or does not, gives the lease back,
 * and writes the flow's events. Whatever the order, a write lands exactly when its server holds the lease under the
 * current epoch: a stale server's write never does, and the holder's always does.
 */
class FencingPropertyTest {

    private static final String TICKET = "INC-007";
    private static final String CHANNEL = TICKET + ".remediation";
    private static PostgresServer server;
    private static int databases;

    @BeforeAll
    static void startPostgres() throws Exception {
        server = PostgresServer.shared();
    }

    /** What the test knows of a writer: whether it took the lease and has not yet learned (or said) it is gone. */
    private static final class Writer {
        final String name;
        final PostgresStore store;
        boolean believes;

        Writer(String name, PostgresStore store) {
            this.name = name;
            this.store = store;
            store.holder(name);
        }
    }

    @Test
    void randomInterleavingsOfTwoWriters_neverLandAWriteFromTheStaleOne() throws Exception {
        for (long seed = 1; seed <= 6; seed++) {
            interleave(seed, 40);
        }
    }

    @Test
    void aTerminalStatus_isNeverUndone_evenByTheLeaseHolder() throws Exception {
        String url = server.createDatabase("fence_terminal");
        try (PostgresStore s = PostgresStore.open(url, PostgresServer.USER, "")) {
            Ticket t = Ticket.open(TICKET, "web-edge-01", "web_5xx", "sev2", 100).stamped(100, "inject");
            s.record("a", List.of(new EngineEvent.TicketCreated(t)));
            assertThat(s.lease(TICKET)).isTrue();
            Ticket resolved = t.withStatus(Status.RESOLVED, "done").stamped(101, "engine");
            s.record("a", List.of(new EngineEvent.TicketChanged(resolved)));
            assertThatThrownBy(() -> s.record("a", List.of(new EngineEvent.TicketChanged(
                    resolved.withStatus(Status.NEEDS_FOLLOWUP, "late").stamped(102, "engine")))))
                    .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.fenced()).isTrue())
                    .hasMessageContaining("a terminal status is never undone");
            assertThat(s.ticket(TICKET).orElseThrow().status()).isEqualTo(Status.RESOLVED);
            s.record("a", List.of(new EngineEvent.TicketChanged(resolved.withNote("alert resolved at 12:00")
                    .stamped(103, "alert"))));
            assertThat(s.ticket(TICKET).orElseThrow().history()).as("a terminal ticket still takes a history line")
                    .anySatisfy(h -> assertThat(h).contains("alert resolved"));
        }
    }

    private void interleave(long seed, int steps) throws Exception {
        String url = server.createDatabase("fence_" + (++databases));
        Random random = new Random(seed);
        List<String> landed = new ArrayList<>();
        List<String> trace = new ArrayList<>();
        try (PostgresStore a = PostgresStore.open(url, PostgresServer.USER, "");
                PostgresStore b = PostgresStore.open(url, PostgresServer.USER, "");
                Connection admin = DriverManager.getConnection(url, PostgresServer.USER, "")) {
            Writer[] writers = {new Writer("A", a), new Writer("B", b)};
            a.record("A", List.of(new EngineEvent.TicketCreated(
                    Ticket.open(TICKET, "web-edge-01", "web_5xx", "sev2", 100).stamped(100, "inject"))));
            Writer owner = null; // whose epoch the lease row holds, as long as that server has not given it back
            for (int step = 1; step <= steps; step++) {
                Writer w = writers[random.nextInt(2)];
                int op = random.nextInt(6);
                String what = switch (op) {
                    case 0 -> "take";
                    case 1 -> "cut";
                    case 2 -> "notice";
                    case 3 -> "release";
                    default -> "write";
                };
                trace.add(w.name + " " + what);
                String where = "seed " + seed + ", step " + step + ": " + trace;
                switch (op) {
                    case 0 -> {
                        try {
                            if (w.store.lease(TICKET)) {
                                w.believes = true;
                                owner = w;
                            }
                        } catch (StoreException sessionGone) {
                            trace.add("(" + w.name + " cannot take: " + sessionGone.getMessage() + ")");
                        }
                    }
                    case 1 -> cutLeaseSession(admin);
                    case 2 -> {
                        if (!w.store.leasesHeld()) {
                            w.believes = false;
                        }
                    }
                    case 3 -> {
                        w.store.release(TICKET);
                        w.believes = false;
                        if (owner == w) {
                            owner = null;
                        }
                    }
                    default -> {
                        String envelope = w.name + "@" + step;
                        boolean expected = w.believes && owner == w;
                        boolean wrote;
                        try {
                            w.store.record(w.name, List.of(
                                    new EngineEvent.EnvelopePosted(Envelope.text(CHANNEL, step, w.name, envelope,
                                            step)),
                                    new EngineEvent.ChannelClosed(CHANNEL, "step " + step)));
                            wrote = true;
                            landed.add(envelope);
                        } catch (StoreException e) {
                            assertThat(e.fenced()).as(where + " refused as fenced: " + e.getMessage()).isTrue();
                            wrote = false;
                        }
                        assertThat(wrote).as(where + (expected ? ": the holder's write must land"
                                : ": a write without the current lease must not land")).isEqualTo(expected);
                    }
                }
            }
            List<String> inDatabase = new ArrayList<>();
            try (Statement st = admin.createStatement();
                    ResultSet r = st.executeQuery("SELECT json::jsonb->>'text' FROM envelope ORDER BY n")) {
                while (r.next()) {
                    inDatabase.add(r.getString(1));
                }
            }
            assertThat(inDatabase).as("seed " + seed + ": exactly the writes that were told they landed")
                    .isEqualTo(landed);
        }
    }

    /** The database drops the session holding the flow's lock (a restart, a cut link would): once it is gone. */
    private static void cutLeaseSession(Connection admin) throws Exception {
        String held = "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND classid = 1401 AND objid = "
                + Ticket.number(TICKET) + " AND granted";
        try (Statement st = admin.createStatement()) {
            st.execute("SELECT pg_terminate_backend(pid) FROM (" + held + ") AS h");
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (true) {
                try (ResultSet r = st.executeQuery(held)) {
                    if (!r.next()) {
                        return;
                    }
                }
                assertThat(System.nanoTime()).as("the lease session ended").isLessThan(end);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // spaces the looks; the condition decides
            }
        }
    }
}
