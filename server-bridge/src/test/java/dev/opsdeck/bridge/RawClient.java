package dev.opsdeck.bridge;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A WebSocket client on a bare socket with a tiny receive window, for what friendly clients never do: stop reading,
 * or send an oversized frame. Frames are read by hand (the server never masks).
 */
final class RawClient implements AutoCloseable {

    /** What reading to the end found: text frames before the close, and the close code (-1 if the socket just ended). */
    record Ending(int textFrames, int closeCode, String closeReason) {
    }

    private final Socket socket = new Socket();
    private final String response;

    RawClient(int port, String target) throws IOException {
        socket.setReceiveBufferSize(4096); // before connect, so the window stays small
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(30_000);
        String key = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        String req = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        socket.getOutputStream().write(req.getBytes(StandardCharsets.US_ASCII));
        response = readHead(socket.getInputStream());
    }

    String response() {
        return response;
    }

    /** This end's port: the server sees it as the connection's remote port. */
    int localPort() {
        return socket.getLocalPort();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.write(c);
            String s = b.toString(StandardCharsets.ISO_8859_1);
            if (s.endsWith("\r\n\r\n")) {
                return s;
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /** Sends one text frame without a mask, as no client may (RFC 6455 5.1). */
    void sendUnmasked(byte[] payload) throws IOException {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x81);
        f.write(payload.length); // short payloads only
        f.write(payload);
        socket.getOutputStream().write(f.toByteArray());
        socket.getOutputStream().flush();
    }

    /** Sends one masked text frame of {@code payload} bytes. */
    void sendText(byte[] payload) throws IOException {
        OutputStream out = socket.getOutputStream();
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x81);
        if (payload.length < 126) {
            f.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            f.write(0x80 | 126);
            f.write(payload.length >>> 8);
            f.write(payload.length & 0xff);
        } else {
            f.write(0x80 | 127);
            for (int i = 7; i >= 0; i--) {
                f.write((int) ((long) payload.length >>> (8 * i)) & 0xff);
            }
        }
        byte[] mask = {1, 2, 3, 4};
        f.write(mask);
        for (int i = 0; i < payload.length; i++) {
            f.write(payload[i] ^ mask[i % 4]);
        }
        out.write(f.toByteArray());
        out.flush();
    }

    /** Reads text frames until one matches (returned last); fails on a close or the end of the stream. */
    java.util.List<String> readTextsUntil(java.util.function.Predicate<String> last) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        java.util.List<String> texts = new java.util.ArrayList<>();
        while (true) {
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            long len = b1 & 0x7f;
            if (len == 126) {
                len = in.readUnsignedShort();
            } else if (len == 127) {
                len = in.readLong();
            }
            byte[] payload = new byte[(int) len];
            in.readFully(payload);
            if ((b0 & 0x0f) != 1) {
                throw new IOException("frame of opcode " + (b0 & 0x0f) + " after " + texts.size() + " text frames");
            }
            String text = new String(payload, StandardCharsets.UTF_8);
            texts.add(text);
            if (last.test(text)) {
                return texts;
            }
        }
    }

    /** One frame as it came: its FIN bit, opcode and payload. */
    record RawFrame(boolean fin, int opcode, byte[] payload) {
    }

    /** Reads the next frame, whatever it is. */
    RawFrame readFrame() throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long len = b1 & 0x7f;
        if (len == 126) {
            len = in.readUnsignedShort();
        } else if (len == 127) {
            len = in.readLong();
        }
        byte[] payload = new byte[(int) len];
        in.readFully(payload);
        return new RawFrame((b0 & 0x80) != 0, b0 & 0x0f, payload);
    }

    /** Reads every frame until the server's close frame or the end of the stream. */
    Ending readToEnd() throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        int texts = 0;
        try {
            while (true) {
                int b0 = in.readUnsignedByte();
                int b1 = in.readUnsignedByte();
                long len = b1 & 0x7f;
                if (len == 126) {
                    len = in.readUnsignedShort();
                } else if (len == 127) {
                    len = in.readLong();
                }
                byte[] payload = new byte[(int) len];
                in.readFully(payload);
                int opcode = b0 & 0x0f;
                if (opcode == 1) {
                    texts++;
                } else if (opcode == 8) {
                    int code = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
                    String reason = payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
                    return new Ending(texts, code, reason);
                }
            }
        } catch (EOFException e) {
            return new Ending(texts, -1, "");
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
