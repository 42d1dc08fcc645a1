package dev.opsdeck.bridge.server;

import dev.opsdeck.bridge.wire.WireFormat;
import dev.opsdeck.engine.event.Published;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Each published event as one complete WebSocket frame, encoded once for every client: the writer encodes live
 * events here, and a joining client's replay (the same events, later) finds most of them already done. A ring keyed
 * by sequence number, as large as the replay window; two threads racing on one slot store equal bytes: harmless.
 */
final class FrameCache {

    private record Entry(long seq, byte[] frame) {
    }

    private final AtomicReferenceArray<Entry> ring;
    private final int mask;

    FrameCache(int window) {
        int size = Integer.highestOneBit(Math.max(1024, window) * 2 - 1);
        this.ring = new AtomicReferenceArray<>(size);
        this.mask = size - 1;
    }

    byte[] frame(Published p) {
        int slot = (int) (p.seq() & mask);
        Entry e = ring.get(slot);
        if (e != null && e.seq() == p.seq()) {
            return e.frame();
        }
        byte[] frame = TextFrames.of(WireFormat.utf8(p));
        ring.set(slot, new Entry(p.seq(), frame));
        return frame;
    }
}
