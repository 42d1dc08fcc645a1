package dev.opsdeck.bridge.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A server that sends its first events in the same flight as the upgrade's answer, as the bridge does (the snapshot and
 * the replay go out the moment the client is open): every byte must reach the client, in order. The JDK's own
 * WebSocket client lost the bytes of a read that spanned more than its 16 KiB buffer while it handed the connection
 * from HTTP to WebSocket (about 1 connection in 50 here); the next frame then began mid-frame and the client failed
 * with a ProtocolException, which a test read as a stalled stream (issue 26).
 */
class WireClientHandshakeTest {

    private static final int CONNECTIONS = 200;
    private static final int FRAMES = 60; // ~48 KB behind the 101: three of the JDK client's buffers
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void everyFrameSentRightBehindTheUpgrade_reachesTheClient_inOrder_onEveryConnection() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> serve(listener), "eager-upgrade-server");
            server.setDaemon(true);
            server.start();
            URI uri = URI.create("ws://127.0.0.1:" + listener.getLocalPort() + "/ws");
            for (int c = 0; c < CONNECTIONS; c++) {
                try (WireClient client = WireClient.connect(uri, Map.of(), WAIT)) {
                    List<Integer> seen = new ArrayList<>();
                    while (seen.size() < FRAMES) {
                        Optional<Frame> f = client.next(WAIT);
                        if (f.isEmpty()) {
                            break;
                        }
                        seen.add(f.get().payload().path("i").asInt(-1));
                    }
                    assertThat(seen).as("connection %d of %d (closed: %s)", c + 1, CONNECTIONS,
                            client.closed().getNow(null)).containsExactlyElementsOf(upTo(FRAMES));
                }
            }
        }
    }

    private static List<Integer> upTo(int n) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        return all;
    }

    // Answers each upgrade and writes the frames in the same write, then waits for the client to go.
    private static void serve(ServerSocket listener) {
        while (!listener.isClosed()) {
            try {
                Socket s = listener.accept();
                Thread answer = new Thread(() -> answer(s), "eager-upgrade-answer");
                answer.setDaemon(true);
                answer.start();
            } catch (IOException e) {
                // the listener closed: the test is over
            }
        }
    }

    private static void answer(Socket socket) {
        try (Socket s = socket) {
            s.setTcpNoDelay(true);
            InputStream in = s.getInputStream();
            String key = webSocketKey(head(in));
            ByteArrayOutputStream flight = new ByteArrayOutputStream();
            flight.writeBytes(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < FRAMES; i++) {
                flight.writeBytes(textFrame("{\"type\":\"log\",\"payload\":{\"i\":" + i + ",\"line\":\""
                        + "x".repeat(760) + "\"},\"ts\":1}"));
            }
            OutputStream out = s.getOutputStream();
            out.write(flight.toByteArray());
            out.flush();
            while (in.read() >= 0) {
                // the client's close frame, then the end of its stream
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static String head(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the client closed before its request was complete");
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static String webSocketKey(String head) throws IOException {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        throw new IOException("no Sec-WebSocket-Key in " + head);
    }

    private static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1")
                    .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] textFrame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x81);
        if (payload.length < 126) {
            f.write(payload.length);
        } else {
            f.write(126);
            f.write(payload.length >>> 8);
            f.write(payload.length & 0xFF);
        }
        f.writeBytes(payload);
        return f.toByteArray();
    }
}
