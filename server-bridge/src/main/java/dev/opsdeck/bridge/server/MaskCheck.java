package dev.opsdeck.bridge.server;

import java.nio.ByteBuffer;
import org.java_websocket.exceptions.InvalidFrameException;

/**
 * Follows a client's frames across reads to see each one's mask bit: RFC 6455 5.1 says a server must close the
 * connection on an unmasked client frame (1002), which the socket library does not check. Reads only headers; the
 * payloads are skipped by length.
 */
final class MaskCheck {

    private final byte[] head = new byte[14];
    private int headLength;
    private long skip;

    void check(ByteBuffer buffer) throws InvalidFrameException {
        int i = buffer.position();
        int end = buffer.limit();
        while (i < end) {
            if (skip > 0) {
                int n = (int) Math.min(skip, end - i);
                i += n;
                skip -= n;
                continue;
            }
            head[headLength++] = buffer.get(i++);
            if (headLength < 2) {
                continue;
            }
            if ((head[1] & 0x80) == 0) {
                throw new InvalidFrameException("client frames must be masked (RFC 6455 5.1)");
            }
            int code = head[1] & 0x7f;
            int need = 2 + (code == 126 ? 2 : code == 127 ? 8 : 0) + 4;
            if (headLength < need) {
                continue;
            }
            long length = code;
            if (code == 126) {
                length = ((head[2] & 0xff) << 8) | (head[3] & 0xff);
            } else if (code == 127) {
                length = 0;
                for (int k = 2; k < 10; k++) {
                    length = (length << 8) | (head[k] & 0xff);
                }
            }
            skip = length;
            headLength = 0;
        }
    }
}
