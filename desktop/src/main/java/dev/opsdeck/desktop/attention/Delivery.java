package dev.opsdeck.desktop.attention;

/**
 * Whether a desktop notification can reach the operator here, as last found out (at start, then at every send).
 *
 * @param works whether the last check or send reached a notification server
 * @param said  what the operator reads: the server that shows them, or why none can
 */
public record Delivery(boolean works, String said) {

    static Delivery by(String server) {
        return new Delivery(true, "shown by " + server);
    }

    static Delivery not(String why) {
        return new Delivery(false, why);
    }

    /** Before the check at start has answered. */
    public static Delivery checking() {
        return new Delivery(false, "checking whether they can be shown…");
    }
}
