package dev.opsdeck.bridge.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * When each event reached one client, keyed by what the event says (the frame without its {@code ts}, which each
 * server stamps itself) and its occurrence: the same event read on two servers' clients has the same key.
 */
final class ArrivalProbe {

    private final Map<String, Integer> seen = new HashMap<>();
    private final Map<String, Long> arrivals = new HashMap<>();

    synchronized void arrived(String frame, long nanos) {
        int tsAt = frame.lastIndexOf(",\"ts\":");
        String content = tsAt < 0 ? frame : frame.substring(0, tsAt);
        int nth = seen.merge(content, 1, Integer::sum);
        arrivals.put(content + "#" + nth, nanos);
    }

    synchronized Map<String, Long> arrivals() {
        return new HashMap<>(arrivals);
    }
}
