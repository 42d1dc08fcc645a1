package dev.opsdeck.bridge.server;

import com.sun.management.UnixOperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.java_websocket.framing.CloseFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the process clear of the file-descriptor limit and of connections that never finish a request. The socket
 * library closes its listening socket for good when {@code accept()} fails (out of descriptors) and never times out a
 * connection that sends nothing; so a new connection is turned away (503, closed) while fewer than {@link #HEADROOM}
 * descriptors are left, and one that has not completed its request or upgrade within the handshake timeout is cut.
 */
final class Admittance {

    private static final Logger log = LoggerFactory.getLogger(Admittance.class);
    /** Descriptors kept free for the store, the JVM and the next accept. */
    static final int HEADROOM = 64;

    private static final byte[] BUSY = ("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
            + "Connection: close\r\nContent-Length: 72\r\n\r\n"
            + "{\"error\":\"too many connections: this server is at its descriptor limit\"}")
            .getBytes(StandardCharsets.US_ASCII);

    private final UnixOperatingSystemMXBean os;
    private final long handshakeNanos;
    private final Map<BridgeSocket, Long> pending = new ConcurrentHashMap<>();
    private volatile boolean warned;

    Admittance(Duration handshakeTimeout) {
        OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
        this.os = bean instanceof UnixOperatingSystemMXBean u ? u : null;
        this.handshakeNanos = handshakeTimeout.toNanos();
    }

    /** The most connections this process can hold: its descriptor limit less the headroom (-1 if unknown). */
    long capacity() {
        return os == null ? -1 : os.getMaxFileDescriptorCount() - HEADROOM;
    }

    /** Called on the socket thread right after accept: refuses (503, closed) when descriptors run short. */
    void admit(SocketChannel channel) throws IOException {
        if (os == null) {
            return;
        }
        long open = os.getOpenFileDescriptorCount();
        long max = os.getMaxFileDescriptorCount();
        if (open < 0 || open > max - HEADROOM) {
            if (!warned) {
                warned = true;
                log.warn("turning connections away: {} of {} file descriptors in use (raise the limit, e.g."
                        + " ulimit -n, to serve more clients)", open, max);
            }
            try {
                channel.write(ByteBuffer.wrap(BUSY)); // best effort: the socket is new, its buffer empty
            } finally {
                channel.close();
            }
            throw new IOException("at the file descriptor limit");
        }
        warned = false;
    }

    void created(BridgeSocket socket) {
        pending.put(socket, System.nanoTime());
    }

    /** Cuts connections that have not finished their request or upgrade in time; run every second or so. */
    void reap() {
        long now = System.nanoTime();
        for (Map.Entry<BridgeSocket, Long> e : pending.entrySet()) {
            BridgeSocket s = e.getKey();
            if (s.isOpen() || s.isClosing() || s.isClosed()) {
                pending.remove(s);
            } else if (now - e.getValue() > handshakeNanos) {
                pending.remove(s);
                s.closeConnection(CloseFrame.ABNORMAL_CLOSE, "no complete request within the handshake timeout");
            }
        }
    }

    int pending() {
        return pending.size();
    }
}
