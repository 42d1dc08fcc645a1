package dev.opsdeck.bridge.server;

import dev.opsdeck.bridge.wire.WireFormat;
import dev.opsdeck.engine.event.Published;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Each published event as one complete WebSocket frame, encoded once for every client: the writer encodes live
 * events here, and a joining client's replay (the same events, later) finds most of them already done. A ring keyed
 * by sequence number, as large as the replay window, and bounded in bytes too: the window counts events, and 4000
 * events about tickets that carry large alerts would otherwise hold ~80 MB of frames. Past the budget a frame is
 * encoded and not kept (its slot is emptied, so a stale frame does not hold the room). Two threads racing on one slot
 * store equal bytes: harmless; the count of bytes kept stays exact because each entry is counted in and out once.
 */
final class FrameCache {

    private record Entry(long seq, byte[] frame) {
    }

    private final AtomicReferenceArray<Entry> ring;
    private final int mask;
    private final long budget;
    private final AtomicLong kept = new AtomicLong();

    FrameCache(int window, long budgetBytes) {
        int size = Integer.highestOneBit(Math.max(1024, window) * 2 - 1);
        this.ring = new AtomicReferenceArray<>(size);
        this.mask = size - 1;
        this.budget = budgetBytes;
    }

    byte[] frame(Published p) {
        int slot = (int) (p.seq() & mask);
        Entry e = ring.get(slot);
        if (e != null && e.seq() == p.seq()) {
            return e.frame();
        }
        byte[] frame = TextFrames.of(WireFormat.utf8(p));
        if (e != null && ring.compareAndSet(slot, e, null)) {
            kept.addAndGet(-e.frame().length);
        }
        if (kept.get() + frame.length <= budget && ring.compareAndSet(slot, null, new Entry(p.seq(), frame))) {
            kept.addAndGet(frame.length);
        }
        return frame;
    }

    /** Bytes of frames kept now. */
    long kept() {
        return kept.get();
    }
}
