package dev.opsdeck.bridge.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.HandshakeState;
import org.java_websocket.exceptions.IncompleteHandshakeException;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.exceptions.InvalidHandshakeException;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.HandshakeBuilder;
import org.java_websocket.handshake.Handshakedata;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.protocols.IProtocol;
import org.java_websocket.protocols.Protocol;

/**
 * RFC 6455 that also answers plain {@code GET}s, so the HTTP endpoints share the WebSocket port (TOOLCHAIN.md). It
 * accepts every well-formed GET, and {@code HEAD} and HTTP/1.0 requests too (health checkers send them); when the
 * server chose a plain reply for it, the handshake response it writes is that reply instead of a {@code 101}. One
 * instance per connection ({@link #copyInstance}), so it also carries what the gate decided for that connection.
 *
 * <p>It also guards what the socket library does not: a request head over {@code maxHeadBytes} is answered 431
 * before it is buffered further (the library would grow its buffer without end), and an unmasked client frame
 * closes the connection with 1002 (RFC 6455 5.1).
 */
final class HttpDraft extends Draft_6455 {

    private final int maxFrameBytes;
    private final int maxHeadBytes;
    private boolean upgrade;
    private boolean head;
    private boolean tooLarge;
    private HttpReply reply;
    private Admission admission;
    private final MaskCheck masks = new MaskCheck();

    HttpDraft(int maxFrameBytes, int maxHeadBytes) {
        super(Collections.emptyList(), List.<IProtocol>of(new Protocol("")), maxFrameBytes);
        this.maxFrameBytes = maxFrameBytes;
        this.maxHeadBytes = maxHeadBytes;
    }

    @Override
    public Draft copyInstance() {
        return new HttpDraft(maxFrameBytes, maxHeadBytes);
    }

    /**
     * The library reads only {@code GET ... HTTP/1.1}: a {@code HEAD} or an HTTP/1.0 request line is read as that
     * (and remembered, a HEAD is answered without its body); a head too large is read as an empty GET, answered 431.
     */
    @Override
    public Handshakedata translateHandshake(ByteBuffer buf) throws InvalidHandshakeException {
        int start = buf.position();
        int end = endOfHead(buf);
        if (end < 0 && buf.remaining() <= maxHeadBytes) {
            throw new IncompleteHandshakeException(Math.min(maxHeadBytes + 1, Math.max(4096, 2 * buf.remaining())));
        }
        if (end < 0 || end - start > maxHeadBytes) {
            tooLarge = true;
            buf.position(buf.limit());
            return super.translateHandshake(ascii("GET / HTTP/1.1\r\n\r\n"));
        }
        byte[] bytes = new byte[end - start];
        buf.duplicate().get(bytes);
        String head = new String(bytes, StandardCharsets.ISO_8859_1);
        int eol = head.indexOf("\r\n");
        String[] line = head.substring(0, eol).split(" ", -1);
        if (line.length == 3 && (line[0].equals("HEAD") || line[2].equals("HTTP/1.0"))) {
            this.head = line[0].equals("HEAD");
            buf.position(end);
            return super.translateHandshake(ascii("GET " + line[1] + " HTTP/1.1" + head.substring(eol)));
        }
        return super.translateHandshake(buf);
    }

    // Where the head ends (just past the blank line), or -1 if it has not ended yet.
    private static int endOfHead(ByteBuffer buf) {
        for (int i = buf.position(); i + 3 < buf.limit(); i++) {
            if (buf.get(i) == '\r' && buf.get(i + 1) == '\n' && buf.get(i + 2) == '\r' && buf.get(i + 3) == '\n') {
                return i + 4;
            }
        }
        return -1;
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public List<Framedata> translateFrame(ByteBuffer buffer) throws InvalidDataException {
        masks.check(buffer);
        return super.translateFrame(buffer);
    }

    /** Whether the request head was over the limit: the answer is 431, whatever it asked for. */
    boolean tooLarge() {
        return tooLarge;
    }

    @Override
    public HandshakeState acceptHandshakeAsServer(ClientHandshake request) throws InvalidHandshakeException {
        upgrade = "websocket".equalsIgnoreCase(request.getFieldValue("Upgrade").trim());
        return upgrade ? super.acceptHandshakeAsServer(request) : HandshakeState.MATCHED;
    }

    @Override
    public HandshakeBuilder postProcessHandshakeResponseAsServer(ClientHandshake request, ServerHandshakeBuilder response)
            throws InvalidHandshakeException {
        return reply != null ? response : super.postProcessHandshakeResponseAsServer(request, response);
    }

    @Override
    public List<ByteBuffer> createHandshake(Handshakedata handshake, boolean withContent) {
        return reply != null ? List.of(ByteBuffer.wrap(reply.bytes(!head))) : super.createHandshake(handshake, withContent);
    }

    boolean upgrade() {
        return upgrade;
    }

    /** Answers this exchange as plain HTTP; the server then closes it without ever counting it as a client. */
    void answer(HttpReply r) {
        this.reply = r;
    }

    boolean plain() {
        return reply != null;
    }

    void admitted(Admission a) {
        this.admission = a;
    }

    Admission admission() {
        return admission;
    }
}
