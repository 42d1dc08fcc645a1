package dev.opsdeck.engine.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The network between OpsDeck and its PostgreSQL, at a loopback port of the test's: every connection is relayed
 * both ways until the link is told to drop one the way a cut cable does at the worst moment. Armed with a text, it
 * waits for a connection to send it (a bound parameter, say), lets that connection's next {@code COMMIT} reach the
 * database, and then cuts the link before the database's answer comes back: the database commits, and the client is
 * left not knowing whether it did.
 */
public final class CuttingLink implements AutoCloseable {

    private final ServerSocket listener;
    private final int target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile byte[] armed;
    private final CountDownLatch cut = new CountDownLatch(1);

    public CuttingLink(int targetPort) throws IOException {
        this.target = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "cutting-link");
        accept.setDaemon(true);
        accept.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Cuts, once, the connection that sends {@code text}, as the answer to its next COMMIT is on its way. */
    public void cutAtCommitAfter(String text) {
        armed = text.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether the link was cut within {@code seconds}. */
    public boolean awaitCut(long seconds) throws InterruptedException {
        return cut.await(seconds, TimeUnit.SECONDS);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                sockets.add(client);
                sockets.add(server);
                Relay relay = new Relay(client, server);
                start(relay::clientToServer);
                start(relay::serverToClient);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void start(Runnable r) {
        Thread t = new Thread(r, "cutting-link-relay");
        t.setDaemon(true);
        t.start();
    }

    /** One connection's two directions; the cut stops the answers first, then lets the commit through. */
    private final class Relay {
        private final Socket client;
        private final Socket server;
        private volatile boolean cutHere;

        Relay(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void clientToServer() {
            Rounds rounds = new Rounds();
            try (InputStream in = client.getInputStream(); OutputStream out = server.getOutputStream()) {
                byte[] buf = new byte[65536];
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    byte[] want = armed;
                    // Every read is parsed, armed or not: the messages must be followed from the connection's start.
                    if (rounds.commitIn(buf, n, cut.getCount() > 0 ? want : null)) {
                        cutHere = true; // no answer reaches the client from now on
                        armed = null;
                        client.close();
                        out.write(buf, 0, n); // the COMMIT reaches the database
                        out.flush();
                        server.shutdownOutput(); // then the database sees its client gone
                        cut.countDown();
                        return;
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // either side went away: the other direction ends too
            } finally {
                if (!cutHere) {
                    closeQuietly(server);
                }
            }
        }

        void serverToClient() {
            try (InputStream in = server.getInputStream()) {
                OutputStream out = client.getOutputStream();
                byte[] buf = new byte[65536];
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    if (cutHere) {
                        continue; // the database's answers after the cut are read and dropped, to its last byte
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // either side went away
            } finally {
                closeQuietly(client);
                closeQuietly(server);
            }
        }
    }

    /**
     * The client's side of the protocol, read as messages: a round is what a client sends up to a Sync (or one simple
     * Query), and the database answers it whole before the client sends the next. The round that follows the last one
     * carrying the text is the COMMIT (whose text a client may not resend: a prepared COMMIT is bound by name).
     */
    private static final class Rounds {
        private static final int SSL_REQUEST = 80877103;
        private static final int GSS_REQUEST = 80877104;
        private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();
        private boolean started;
        private boolean roundCarries;
        private boolean carried;

        /** Takes a read; true if it ends the round after the last carrying {@code text} (null: none wanted). */
        boolean commitIn(byte[] buf, int n, byte[] text) {
            pending.write(buf, 0, n);
            byte[] b = pending.toByteArray();
            int at = 0;
            boolean commit = false;
            while (true) {
                int head = started ? 5 : 4;
                if (b.length - at < head) {
                    break;
                }
                int len = java.nio.ByteBuffer.wrap(b, started ? at + 1 : at, 4).getInt();
                int whole = (started ? 1 : 0) + len;
                if (b.length - at < whole) {
                    break;
                }
                if (!started) {
                    int code = java.nio.ByteBuffer.wrap(b, at + 4, 4).getInt();
                    started = code != SSL_REQUEST && code != GSS_REQUEST;
                } else {
                    char type = (char) b[at];
                    roundCarries |= text != null && indexOf(b, at, at + whole, text) >= 0;
                    if (type == 'S' || type == 'Q') {
                        if (roundCarries) {
                            carried = true;
                        } else if (carried && text != null) {
                            commit = true;
                        }
                        roundCarries = false;
                    }
                }
                at += whole;
            }
            pending.reset();
            pending.write(b, at, b.length - at);
            return commit;
        }
    }

    private static int indexOf(byte[] hay, int from, int to, byte[] needle) {
        outer:
        for (int i = from; i + needle.length <= to; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : sockets) {
            closeQuietly(s);
        }
    }
}
