package dev.opsdeck.engine.runbook.exec;

import java.nio.charset.StandardCharsets;

/** The last {@link #LIMIT} bytes of a stream: a chatty action cannot fill the store or the wire. */
final class Tail {

    static final int LIMIT = 16 * 1024;

    private final byte[] ring = new byte[LIMIT];
    private long total;

    synchronized void add(byte[] b, int len) {
        for (int i = 0; i < len; i++) {
            ring[(int) (total++ % LIMIT)] = b[i];
        }
    }

    synchronized String text() {
        if (total <= LIMIT) {
            return new String(ring, 0, (int) total, StandardCharsets.UTF_8);
        }
        byte[] out = new byte[LIMIT];
        int start = (int) (total % LIMIT);
        System.arraycopy(ring, start, out, 0, LIMIT - start);
        System.arraycopy(ring, 0, out, LIMIT - start, start);
        return "[" + (total - LIMIT) + " earlier bytes dropped]\n" + new String(out, StandardCharsets.UTF_8);
    }
}
