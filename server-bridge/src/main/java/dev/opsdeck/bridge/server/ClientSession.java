package dev.opsdeck.bridge.server;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket client's outgoing side. It joins in two steps: the writer starts offering it batches at once (held
 * while it joins), then {@link #open} queues its snapshot (and replay) and, after them, the held events newer than
 * the snapshot: no gap, no duplicate. From then on each batch the writer offers is queued on the socket as one buffer
 * (shared with every other client), in the stream's order.
 *
 * <p>Everything here runs under the socket's monitor, the one every write to that socket takes (see
 * {@link BridgeSocket}): frames stay whole and in order whichever thread writes. Bytes the socket has not taken yet
 * are counted; past the bound the client is dropped with 1008, so one that does not read costs a bounded amount of
 * memory and holds up nobody. Its own replies (pong, a refused request) are written by the thread that read the
 * request.
 */
final class ClientSession {

    private static final Logger log = LoggerFactory.getLogger(ClientSession.class);

    private enum State { JOINING, LIVE, ENDED }

    private final int id;
    private final BridgeSocket socket;
    private final Consumer<ClientSession> onEnd;
    private final int maxBacklog;
    private final Duration dropGrace;
    private final ScheduledExecutorService reaper;

    // All guarded by the socket's monitor.
    private State state = State.JOINING;
    private static final long UNMARKED = -1;
    // The events numbered above it are this client's; unknown until the join reads its place in the stream.
    private long from = UNMARKED;
    private final List<Batch> held = new ArrayList<>();
    private long heldBytes;
    private final ArrayDeque<ByteBuffer> unsent = new ArrayDeque<>();
    private long unsentBytes;
    // For the watchdog: bytes ever queued for the socket, how many it had taken when last seen taking, and since when.
    private final long created = System.nanoTime();
    private long queued;
    private long takenSeen;
    private long stillSince;

    ClientSession(int id, BridgeSocket socket, Consumer<ClientSession> onEnd, int maxBacklog, Duration dropGrace,
            ScheduledExecutorService reaper) {
        this.id = id;
        this.socket = socket;
        this.onEnd = onEnd;
        this.maxBacklog = maxBacklog;
        this.dropGrace = dropGrace;
        this.reaper = reaper;
    }

    String name() {
        return "client-" + id;
    }

    /**
     * The join's place in the stream is known ({@code seq}, read with the snapshot): what the writer offers from now
     * on up to it is the snapshot's (or the replay's) already, so it is neither held nor counted against the bound.
     * A writer running behind would otherwise hold events the client will never be sent, and drop it for them.
     */
    void marked(long seq) {
        synchronized (socket) {
            if (state != State.JOINING) {
                return;
            }
            from = seq;
            held.removeIf(b -> b.last() <= seq);
            heldBytes = held.stream().mapToLong(Batch::size).sum();
        }
    }

    /**
     * Ends the join: {@code first} (the snapshot, then any replay) goes out, then what the writer offered since the
     * join began, less what {@code seq} (the stream's position when the snapshot was read) already covers.
     */
    void open(long seq, List<ByteBuffer> first) {
        synchronized (socket) {
            opened(seq, first);
        }
    }

    private void opened(long seq, List<ByteBuffer> first) {
        if (state != State.JOINING) {
            return;
        }
        state = State.LIVE;
        from = seq;
        stillSince = System.nanoTime();
        if (!enqueue(first.toArray(ByteBuffer[]::new))) {
            return;
        }
        for (Batch b : held) {
            if (!take(b)) {
                return;
            }
        }
        held.clear();
        heldBytes = 0;
    }

    /** The writer's batch; queued, held while joining, or dropped with the client if it is too far behind. */
    void offer(Batch b) {
        synchronized (socket) {
            offered(b);
        }
    }

    private void offered(Batch b) {
        if (state == State.JOINING) {
            if (from != UNMARKED && b.last() <= from) {
                return; // the snapshot (or replay) has these
            }
            held.add(b);
            heldBytes += b.size();
            // Before the mark (the few microseconds between joining the writer and reading the stream's place) what
            // is held may yet be the snapshot's: only counted once the mark says what the client still needs.
            if (from != UNMARKED && heldBytes + unsentBytes > maxBacklog) {
                drop(heldBytes + unsentBytes);
            }
        } else if (state == State.LIVE) {
            take(b);
        }
    }

    private boolean take(Batch b) {
        if (b.last() <= from) {
            return true; // the snapshot (or replay) already has these
        }
        return enqueue(b.first() > from ? b.shared() : b.after(from));
    }

    private boolean enqueue(ByteBuffer... bufs) {
        forgetSent();
        if (!socket.isOpen()) {
            return false; // closing; onClose ends the session
        }
        for (ByteBuffer buf : bufs) {
            unsent.addLast(buf);
            unsentBytes += buf.limit();
            queued += buf.limit();
        }
        if (unsentBytes > maxBacklog) {
            drop(unsentBytes);
            return false;
        }
        socket.write(bufs);
        return true;
    }

    // The socket thread moves the buffers' positions as it writes; a stale read only overstates what is unsent.
    private void forgetSent() {
        while (!unsent.isEmpty() && !unsent.peekFirst().hasRemaining()) {
            unsentBytes -= unsent.pollFirst().limit();
        }
    }

    /**
     * The writer's watchdog, on its thread about every tick: a client whose socket has taken none of the bytes waiting
     * for it for {@code stallNanos}, or that is still joining after that long, is closed with 1008 and told to
     * reconnect, so that no client sits open with its view silently frozen. Before that, a write demand the socket
     * thread lost is made again ({@link BridgeSocket#rearm}): then the bytes move and nobody is closed.
     *
     * @return whether it closed the client for it
     */
    boolean watch(long now, long stallNanos) {
        synchronized (socket) {
            if (state == State.ENDED) {
                return false;
            }
            if (state == State.JOINING) {
                if (now - created <= stallNanos) {
                    return false;
                }
                stalled("not joined within " + seconds(stallNanos) + " s; reconnect");
                return true;
            }
            forgetSent();
            ByteBuffer head = unsent.peekFirst();
            long waiting = unsentBytes - (head == null ? 0 : head.position());
            long taken = queued - waiting;
            if (waiting == 0 || taken != takenSeen) {
                takenSeen = taken;
                stillSince = now;
                return false;
            }
            if (socket.rearm()) {
                log.info("{}: {} bytes were waiting on a write demand the socket thread had lost; asked again", name(),
                        waiting);
            }
            if (now - stillSince <= stallNanos) {
                return false;
            }
            stalled("too far behind: took nothing for " + seconds(now - stillSince) + " s with " + waiting
                    + " bytes waiting; reconnect");
            return true;
        }
    }

    private void stalled(String reason) {
        log.warn("closing {} ({}): {}", name(), socket.getRemoteSocketAddress(), reason);
        close(reason);
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e9);
    }

    /**
     * A frame for this client alone that makes sense only once it has its snapshot (the presence): not sent while it
     * joins (whoever opens it sends the current one after its replay).
     */
    void tell(String frame) {
        synchronized (socket) {
            if (state == State.LIVE) {
                reply(frame);
            }
        }
    }

    /** A frame for this client alone. */
    void reply(String frame) {
        try {
            socket.send(frame);
        } catch (WebsocketNotConnectedException e) {
            // closed under us; onClose ends the session
        }
    }

    private void drop(long backlog) {
        String reason = "too slow: " + backlog + " bytes unsent (limit " + maxBacklog + "); reconnect to resync";
        log.warn("dropping {} ({}): {}", name(), socket.getRemoteSocketAddress(), reason);
        close(reason);
    }

    /** Ends the client because the server failed it (1008 with the reason), not because it was slow. */
    void fail(String reason) {
        synchronized (socket) {
            if (state != State.ENDED) {
                close(reason);
            }
        }
    }

    private void close(String reason) {
        end();
        socket.close(CloseFrame.POLICY_VALIDATION, reason);
        // The close frame waits behind the backlog, and the session has left the writer's watchdog: its write demand
        // may be lost like any other (BridgeSocket#rearm), so it is made again until the close is through; and a
        // client that never reads would hold the socket open forever, so it is cut after the grace period.
        long cut = System.nanoTime() + dropGrace.toNanos();
        java.util.concurrent.atomic.AtomicReference<java.util.concurrent.ScheduledFuture<?>> closing =
                new java.util.concurrent.atomic.AtomicReference<>();
        closing.set(reaper.scheduleWithFixedDelay(() -> {
            if (socket.isClosed()) {
                closing.get().cancel(false);
            } else if (System.nanoTime() - cut >= 0) {
                socket.closeConnection(CloseFrame.POLICY_VALIDATION, reason);
                closing.get().cancel(false);
            } else {
                synchronized (socket) {
                    socket.rearm();
                }
            }
        }, CLOSING_TICK_MS, CLOSING_TICK_MS, TimeUnit.MILLISECONDS));
    }

    /** How often a closing client's stranded write demand is made again. */
    private static final long CLOSING_TICK_MS = 250;

    /** Stops taking batches (the socket closed, or the client was dropped); what is held is let go. */
    void end() {
        synchronized (socket) {
            if (state == State.ENDED) {
                return;
            }
            state = State.ENDED;
            held.clear();
            heldBytes = 0;
        }
        onEnd.accept(this);
    }
}
