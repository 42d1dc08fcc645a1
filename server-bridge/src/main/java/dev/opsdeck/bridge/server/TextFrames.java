package dev.opsdeck.bridge.server;

/**
 * RFC 6455 text frames as a server sends them (final, unmasked): the same bytes are right for every client, which is
 * what lets the fan-out encode an event once and hand the one buffer to all of them.
 */
final class TextFrames {

    private TextFrames() {
    }

    static byte[] of(byte[] utf8) {
        int n = utf8.length;
        int head = n < 126 ? 2 : n <= 0xFFFF ? 4 : 10;
        byte[] f = new byte[head + n];
        f[0] = (byte) 0x81; // FIN, opcode 1 (text)
        if (n < 126) {
            f[1] = (byte) n;
        } else if (n <= 0xFFFF) {
            f[1] = 126;
            f[2] = (byte) (n >>> 8);
            f[3] = (byte) n;
        } else {
            f[1] = 127;
            for (int i = 0; i < 8; i++) {
                f[2 + i] = (byte) ((long) n >>> (56 - 8 * i));
            }
        }
        System.arraycopy(utf8, 0, f, head, n);
        return f;
    }
}
