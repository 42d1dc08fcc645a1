package dev.opsdeck.bridge.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/** Delivery latencies in whole milliseconds (the resolution of an event's {@code ts}), shared by all clients. */
final class LatencyHistogram {

    private static final int MAX_MS = 120_000;
    private final AtomicLongArray counts = new AtomicLongArray(MAX_MS + 1);

    void record(long ms) {
        counts.incrementAndGet((int) Math.max(0, Math.min(MAX_MS, ms)));
    }

    long total() {
        long n = 0;
        for (int i = 0; i <= MAX_MS; i++) {
            n += counts.get(i);
        }
        return n;
    }

    /** The smallest latency at or above which lies no more than {@code 1 - q} of the samples. */
    long quantile(double q) {
        long total = total();
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i <= MAX_MS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return i;
            }
        }
        return MAX_MS;
    }

    long max() {
        for (int i = MAX_MS; i >= 0; i--) {
            if (counts.get(i) > 0) {
                return i;
            }
        }
        return 0;
    }
}
