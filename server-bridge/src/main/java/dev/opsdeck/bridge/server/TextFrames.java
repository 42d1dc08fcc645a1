package dev.opsdeck.bridge.server;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6455 text frames as a server sends them (unmasked): the same bytes are right for every client, which is what
 * lets the fan-out encode an event once and hand the one buffer to all of them.
 */
final class TextFrames {

    private static final int FIN = 0x80;
    private static final int TEXT = 0x1;
    private static final int CONTINUATION = 0x0;

    private TextFrames() {
    }

    /** One final text frame: a whole message. */
    static byte[] of(byte[] utf8) {
        return frame(FIN | TEXT, utf8, 0, utf8.length);
    }

    /**
     * One message as a text frame and continuation frames (RFC 6455 5.4) of at most {@code max} payload bytes each,
     * cut between characters; a message that fits is one frame. Browsers and the JDK's client hand the application
     * the whole message, so the receiver sees one event; the sender never holds a frame larger than {@code max}.
     */
    static List<byte[]> fragments(byte[] utf8, int max) {
        if (utf8.length <= max) {
            return List.of(of(utf8));
        }
        List<byte[]> out = new ArrayList<>(utf8.length / max + 2);
        int at = 0;
        while (at < utf8.length) {
            int end = Math.min(utf8.length, at + max);
            while (end < utf8.length && end > at + 1 && (utf8[end] & 0xC0) == 0x80) {
                end--; // not inside a character's bytes (not required by the RFC, kinder to a receiver that checks each)
            }
            int op = (at == 0 ? TEXT : CONTINUATION) | (end == utf8.length ? FIN : 0);
            out.add(frame(op, utf8, at, end - at));
            at = end;
        }
        return out;
    }

    private static byte[] frame(int firstByte, byte[] payload, int from, int n) {
        int head = n < 126 ? 2 : n <= 0xFFFF ? 4 : 10;
        byte[] f = new byte[head + n];
        f[0] = (byte) firstByte;
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
        System.arraycopy(payload, from, f, head, n);
        return f;
    }
}
