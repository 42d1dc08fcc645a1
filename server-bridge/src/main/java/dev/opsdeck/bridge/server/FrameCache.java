package dev.opsdeck.bridge.server;

import dev.opsdeck.bridge.wire.WireFormat;
import dev.opsdeck.engine.event.Published;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Encodes each published event once for all clients: every client's writer asks for the same event at about the
 * same time, so a small ring keyed by sequence number saves all but the first encoding. Two writers racing on one
 * slot both encode and store the same text: harmless.
 */
final class FrameCache {

    private record Entry(long seq, String frame) {
    }

    private static final int SIZE = 1 << 13;
    private final AtomicReferenceArray<Entry> ring = new AtomicReferenceArray<>(SIZE);

    String frame(Published p) {
        int slot = (int) (p.seq() & (SIZE - 1));
        Entry e = ring.get(slot);
        if (e != null && e.seq() == p.seq()) {
            return e.frame();
        }
        String frame = WireFormat.encode(p);
        ring.set(slot, new Entry(p.seq(), frame));
        return frame;
    }
}
