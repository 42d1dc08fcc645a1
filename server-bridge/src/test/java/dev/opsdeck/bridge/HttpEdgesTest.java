package dev.opsdeck.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What health checkers, attackers and broken clients send on a raw socket: HEAD and HTTP/1.0 health checks are
 * answered; a request head over 16 KiB gets 431 (complete or not); with no token, a Host that is not this machine's
 * name is refused (DNS rebinding); an unmasked client frame closes the connection with 1002.
 */
class HttpEdgesTest {

    @TempDir
    Path dir;

    @Test
    void headAndHttp10HealthChecks_areAnswered() throws Exception {
        try (TestBridge t = TestBridge.start(dir)) {
            String head = exchange(t, "HEAD /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertThat(head).startsWith("HTTP/1.1 200 OK\r\n").contains("Content-Length: ").endsWith("\r\n\r\n");
            String old = exchange(t, "GET /healthz HTTP/1.0\r\n\r\n");
            assertThat(old).startsWith("HTTP/1.1 200 OK\r\n").contains("\"ok\":true");
            assertThat(exchange(t, "HEAD /nowhere HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.1 404 ");
        }
    }

    @Test
    void aRequestHeadOver16KiB_isAnswered431_whetherItEndsOrNot() throws Exception {
        try (TestBridge t = TestBridge.start(dir)) {
            String filler = "X-Filler: " + "a".repeat(20_000) + "\r\n";
            assertThat(exchange(t, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n" + filler + "\r\n"))
                    .startsWith("HTTP/1.1 431 ");
            // Never ends: answered as soon as the limit is passed, not buffered for ever.
            assertThat(exchange(t, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n" + filler))
                    .startsWith("HTTP/1.1 431 ");
            assertThat(exchange(t, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")).startsWith("HTTP/1.1 200 ");
        }
    }

    @Test
    void withNoToken_aRequestAddressedToAnotherName_isRefused_butLoopbackNamesAndAllowedOnesAreServed() throws Exception {
        try (TestBridge t = TestBridge.start(dir, c -> c, b -> b.withAllowedHosts(List.of("opsdeck.internal")))) {
            assertThat(exchange(t, "GET /snapshot HTTP/1.1\r\nHost: attacker.example:" + t.bridge.port() + "\r\n\r\n"))
                    .startsWith("HTTP/1.1 403 ").contains("--allow-host");
            for (String host : List.of("localhost", "127.0.0.1:" + t.bridge.port(), "[::1]:80", "opsdeck.internal:8000")) {
                assertThat(exchange(t, "GET /snapshot HTTP/1.1\r\nHost: " + host + "\r\n\r\n")).as(host)
                        .startsWith("HTTP/1.1 200 ");
            }
            // A supervisor's probe still works from anywhere.
            assertThat(exchange(t, "GET /healthz HTTP/1.1\r\nHost: attacker.example\r\n\r\n")).startsWith("HTTP/1.1 200 ");
        }
    }

    @Test
    void anUnmaskedClientFrame_closesTheConnectionWith1002() throws Exception {
        try (TestBridge t = TestBridge.start(dir);
             RawClient c = new RawClient(t.bridge.port(), "/ws?replay=0")) {
            assertThat(c.response()).startsWith("HTTP/1.1 101");
            c.sendUnmasked("{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
            RawClient.Ending end = c.readToEnd();
            assertThat(end.closeCode()).isEqualTo(1002);
            assertThat(end.textFrames()).as("the snapshot only, no pong").isEqualTo(1);
        }
    }

    @Test
    void aConnectionThatNeverFinishesItsRequest_isCutAfterTheHandshakeTimeout() throws Exception {
        try (TestBridge t = TestBridge.start(dir, c -> c, b -> b.withHandshakeTimeout(java.time.Duration.ofMillis(300)));
             Socket idle = new Socket();
             Socket partial = new Socket()) {
            idle.connect(new InetSocketAddress("127.0.0.1", t.bridge.port()), 10_000);
            partial.connect(new InetSocketAddress("127.0.0.1", t.bridge.port()), 10_000);
            partial.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            for (Socket s : List.of(idle, partial)) {
                s.setSoTimeout(20_000);
                assertThat(s.getInputStream().read()).as("the server closed it").isEqualTo(-1);
            }
        }
    }

    /** Writes {@code request} and reads until the server closes. */
    private static String exchange(TestBridge t, String request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", t.bridge.port()), 10_000);
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (SocketException e) {
                // the server may answer and close before all of an oversized head is written; read what it said
            }
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    got.write(buf, 0, n);
                }
            } catch (SocketException e) {
                // a reset after the answer (the rest of our head unread): what was read is the answer
            }
            return got.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
