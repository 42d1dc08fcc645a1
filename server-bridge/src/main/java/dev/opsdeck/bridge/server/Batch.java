package dev.opsdeck.bridge.server;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Consecutive events as the writer hands them out: each one's sequence number and frame, and all the frames as one
 * read-only buffer that every client shares (each gets its own position over the same bytes).
 */
final class Batch {

    private final long[] seqs;
    private final List<byte[]> frames;
    private final ByteBuffer bytes;

    Batch(long[] seqs, List<byte[]> frames) {
        this.seqs = seqs;
        this.frames = frames;
        this.bytes = ByteBuffer.wrap(concat(frames, 0)).asReadOnlyBuffer();
    }

    long first() {
        return seqs[0];
    }

    long last() {
        return seqs[seqs.length - 1];
    }

    int size() {
        return bytes.capacity();
    }

    /** The whole batch, positioned for one more client. */
    ByteBuffer shared() {
        return bytes.duplicate();
    }

    /** Only the events numbered above {@code seq}, as a buffer of their own (a client that joined mid-batch). */
    ByteBuffer after(long seq) {
        int from = 0;
        while (from < seqs.length && seqs[from] <= seq) {
            from++;
        }
        return ByteBuffer.wrap(concat(frames, from));
    }

    private static byte[] concat(List<byte[]> frames, int from) {
        int n = 0;
        for (int i = from; i < frames.size(); i++) {
            n += frames.get(i).length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (int i = from; i < frames.size(); i++) {
            byte[] f = frames.get(i);
            System.arraycopy(f, 0, all, at, f.length);
            at += f.length;
        }
        return all;
    }
}
