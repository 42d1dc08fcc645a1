package dev.opsdeck.bridge.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/** Delivery latencies in tenths of a millisecond (an event's {@code ts} is to the microsecond), shared by all clients. */
final class LatencyHistogram {

    private static final int MAX = 600_000; // 60 s
    private final AtomicLongArray counts = new AtomicLongArray(MAX + 1);

    void record(double ms) {
        counts.incrementAndGet((int) Math.max(0, Math.min(MAX, Math.floor(ms * 10))));
    }

    long total() {
        long n = 0;
        for (int i = 0; i <= MAX; i++) {
            n += counts.get(i);
        }
        return n;
    }

    /** The smallest latency (ms) at or above which lies no more than {@code 1 - q} of the samples. */
    double quantile(double q) {
        long total = total();
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i <= MAX; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return i / 10.0;
            }
        }
        return MAX / 10.0;
    }

    double max() {
        for (int i = MAX; i >= 0; i--) {
            if (counts.get(i) > 0) {
                return i / 10.0;
            }
        }
        return 0;
    }
}
