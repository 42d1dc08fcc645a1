package dev.opsdeck.bridge.server;

import java.io.IOException;
import java.nio.ByteBuffer;
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
