package dev.opsdeck.bridge.server;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.List;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.HandshakeState;
import org.java_websocket.exceptions.InvalidHandshakeException;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.HandshakeBuilder;
import org.java_websocket.handshake.Handshakedata;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.protocols.IProtocol;
import org.java_websocket.protocols.Protocol;

/**
 * RFC 6455 that also answers plain {@code GET}s, so the HTTP endpoints share the WebSocket port (TOOLCHAIN.md). It
 * accepts every well-formed GET; when the server chose a plain reply for it, the handshake response it writes is
 * that reply instead of a {@code 101}. One instance per connection ({@link #copyInstance}), so it also carries what
 * the gate decided for that connection.
 */
final class HttpDraft extends Draft_6455 {

    private final int maxFrameBytes;
    private boolean upgrade;
    private HttpReply reply;
    private Admission admission;

    HttpDraft(int maxFrameBytes) {
        super(Collections.emptyList(), List.<IProtocol>of(new Protocol("")), maxFrameBytes);
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public Draft copyInstance() {
        return new HttpDraft(maxFrameBytes);
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
        return reply != null ? List.of(ByteBuffer.wrap(reply.bytes())) : super.createHandshake(handshake, withContent);
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
