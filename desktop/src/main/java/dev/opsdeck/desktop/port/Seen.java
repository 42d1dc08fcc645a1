package dev.opsdeck.desktop.port;

/**
 * Which of a server's events a joined console has already been given, so that the replay after a rejoin passes on
 * only what it has not. The server numbers nothing on the wire, but its events are stamped under its stream's lock,
 * so their times never go down along the stream, a replay included; events of the same millisecond are told apart by
 * how many of that time were passed on. A restarted server stamps later times, so all it sends is new.
 */
final class Seen {

    private double last = Double.NEGATIVE_INFINITY;
    private int atLast;
    /** While catching up after a rejoin: how many events of time {@link #last} the replay may still repeat. */
    private int repeatsLeft;
    private boolean catchingUp;

    /** Whether an event stamped {@code ts} is one not passed on yet; if so it counts as passed on from now. */
    boolean isNew(double ts) {
        if (catchingUp) {
            if (ts < last) {
                return false;
            }
            if (ts == last && repeatsLeft > 0) {
                repeatsLeft--;
                return false;
            }
            catchingUp = false; // the first new one: the rest of the stream follows it
        }
        if (ts == last) {
            atLast++;
        } else {
            last = ts;
            atLast = 1;
        }
        return true;
    }

    /** A new connection: its replay starts from the oldest event the server kept. */
    void rejoining() {
        catchingUp = true;
        repeatsLeft = atLast;
    }
}
