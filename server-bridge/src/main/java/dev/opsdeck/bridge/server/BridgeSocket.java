package dev.opsdeck.bridge.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Collection;
import java.util.List;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketListener;
import org.java_websocket.drafts.Draft;
import org.java_websocket.enums.Opcode;
import org.java_websocket.framing.Framedata;

/**
 * A connection whose writes all pass under its own monitor: the frames the library sends itself (replies, pongs,
 * close) and the batches the fan-out sends. Holding it, {@link #write} can hand a batch straight to the socket when
 * nothing is queued before it, which is the common case: one system call on the writer's thread, instead of a queue
 * entry, two interest changes and a wake-up of the socket thread. What the socket does not take is queued, in order,
 * for the socket thread.
 */
final class BridgeSocket extends WebSocketImpl {

    BridgeSocket(WebSocketListener listener, List<Draft> drafts) {
        super(listener, drafts);
    }

    /**
     * Writes {@code bufs} now, in one gathering write, or queues what is left of them behind what is queued already.
     * Call holding this.
     */
    void write(ByteBuffer... bufs) {
        assert Thread.holdsLock(this);
        int i = 0;
        if (outQueue.isEmpty() && getChannel() instanceof SocketChannel channel) {
            try {
                while (i < bufs.length && channel.write(bufs, i, bufs.length - i) > 0) {
                    while (i < bufs.length && !bufs[i].hasRemaining()) {
                        i++;
                    }
                }
            } catch (IOException e) {
                // A broken connection: the socket thread will find it on its next read or write and close it.
            }
            while (i < bufs.length && !bufs[i].hasRemaining()) {
                i++;
            }
        }
        if (i == bufs.length) {
            return;
        }
        for (; i < bufs.length; i++) {
            outQueue.add(bufs[i]);
        }
        getWebSocketListener().onWriteDemand(this);
    }

    /**
     * Asks the socket thread again to write what is queued, when the connection's key no longer says it will. The
     * library's socket thread, having written its queue empty, sets the key back to reading only; a batch queued (and
     * its write demand made) by another thread between that last look at the queue and that reset loses its demand,
     * and its bytes wait for the next write to this client, which may be minutes away. The writer's watchdog calls
     * this for a client whose bytes have not moved for a tick. Call holding this.
     *
     * @return whether the demand had been lost and was made again
     */
    boolean rearm() {
        assert Thread.holdsLock(this);
        SelectionKey key = getSelectionKey();
        if (outQueue.isEmpty() || key == null) {
            return false;
        }
        try {
            if (!key.isValid() || (key.interestOps() & SelectionKey.OP_WRITE) != 0) {
                return false;
            }
        } catch (CancelledKeyException e) {
            return false; // closing
        }
        getWebSocketListener().onWriteDemand(this);
        return true;
    }

    @Override
    public synchronized void send(String text) {
        super.send(text);
    }

    @Override
    public synchronized void send(ByteBuffer bytes) {
        super.send(bytes);
    }

    @Override
    public synchronized void send(byte[] bytes) {
        super.send(bytes);
    }

    @Override
    public synchronized void sendFrame(Framedata frame) {
        super.sendFrame(frame);
    }

    @Override
    public synchronized void sendFrame(Collection<Framedata> frames) {
        super.sendFrame(frames);
    }

    @Override
    public synchronized void sendFragmentedFrame(Opcode op, ByteBuffer buffer, boolean last) {
        super.sendFragmentedFrame(op, buffer, last);
    }
}
