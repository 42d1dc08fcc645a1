package dev.opsdeck.bridge.server;

import dev.opsdeck.bridge.BridgeConfig;
import dev.opsdeck.bridge.wire.BadRequest;
import dev.opsdeck.bridge.wire.ClientRequests;
import dev.opsdeck.bridge.wire.Documents;
import dev.opsdeck.bridge.wire.WireFormat;
import dev.opsdeck.engine.Engine;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.EventStream;
import dev.opsdeck.engine.event.Published;
import dev.opsdeck.engine.presence.Person;
import dev.opsdeck.engine.ticket.Ticket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketServerFactory;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.HandshakeImpl1Server;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket side of the bridge: Java-WebSocket's callbacks, each handing off to the gate, the endpoints, a client
 * session or the dispatcher. Plain HTTP exchanges are answered during the handshake and closed before they would
 * count as connections.
 */
public final class BridgeServer extends WebSocketServer {

    private static final Logger log = LoggerFactory.getLogger(BridgeServer.class);
    /** The largest request head (request line and headers) read; a larger one is answered 431. */
    static final int MAX_HEAD_BYTES = 16 * 1024;

    private final Engine engine;
    private final BridgeConfig config;
    private final Dispatcher dispatcher;
    private final FrameCache frames;
    private final Fanout fanout;
    private final Map<WebSocket, ClientSession> sessions = new ConcurrentHashMap<>();
    private volatile java.util.function.IntConsumer clientsChanged = n -> { };
    /** What else {@code /healthz} tells a caller with the token (say, the webhooks failing). */
    private volatile java.util.function.Supplier<Map<String, ?>> healthExtras = Map::of;
    private final AtomicInteger ids = new AtomicInteger();
    private final ScheduledExecutorService reaper;
    private final Admittance admittance;
    private volatile SnapshotFrames lastSnapshot;
    private volatile Runnable onListenerLost = () -> { };
    private volatile boolean stopping;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private volatile Gate gate;
    private volatile int hooksPort;

    public BridgeServer(Engine engine, BridgeConfig config) {
        super(new InetSocketAddress(config.host(), config.port()), List.<Draft>of(new HttpDraft(config.maxFrameBytes(), MAX_HEAD_BYTES)));
        this.engine = engine;
        this.config = config;
        this.dispatcher = new Dispatcher(engine, this::now);
        this.admittance = new Admittance(config.handshakeTimeout());
        this.frames = new FrameCache(engine.config().retain(), config.maxBacklog() / 4);
        this.fanout = new Fanout(engine, frames, config.coalesce(), config.stallLimit());
        this.reaper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "opsdeck-bridge-reaper");
            t.setDaemon(true);
            return t;
        });
        setReuseAddr(true);
        setTcpNoDelay(true);
        setMaxPendingConnections(1024); // the listen backlog: a reconnect storm should queue, not be reset (was 50)
        setWebSocketFactory(new WebSocketServerFactory() {
            @Override
            public WebSocketImpl createWebSocket(WebSocketAdapter a, Draft d) {
                return createWebSocket(a, List.of(d));
            }

            @Override
            public WebSocketImpl createWebSocket(WebSocketAdapter a, List<Draft> d) {
                BridgeSocket s = new BridgeSocket(a, d);
                admittance.created(s);
                return s;
            }

            @Override
            public ByteChannel wrapChannel(SocketChannel channel, SelectionKey key) throws IOException {
                admittance.admit(channel); // throws (and the library closes it) when descriptors run short
                return channel;
            }

            @Override
            public void close() {
            }
        });
        reaper.scheduleWithFixedDelay(this::watch, 1, 1, TimeUnit.SECONDS);
        this.unlisten = engine.presence().listen(this::tellPresence);
    }

    /** Stops the presence telling this bridge's clients (the engine may go on with another bridge). */
    private final Runnable unlisten;

    /** The team's people changed: every client that has its snapshot is told (on the engine's timer thread). */
    private void tellPresence(List<dev.opsdeck.engine.presence.Person> people) {
        if (stopping) {
            return;
        }
        if (hearing.isEmpty()) {
            return;
        }
        String frame = WireFormat.presence(people, now());
        for (ClientSession s : hearing) {
            s.tell(frame);
        }
    }

    /**
     * The clients that asked to hear the presence (the console, {@code ?presence=1}). Only they are told: the list
     * grows with the clients, and telling every client of every arrival costs the square of their number (a
     * thousand browsers joining filled each other's sockets with lists nobody reads).
     */
    private final java.util.Set<ClientSession> hearing = ConcurrentHashMap.newKeySet();

    private static final AtomicInteger BRIDGES = new AtomicInteger();
    private final int bridgeNumber = BRIDGES.incrementAndGet();

    /** A connection's key in the engine's presence: unique even with two bridges on one engine (tests have them). */
    private String presenceKey(ClientSession session) {
        return "ws-" + bridgeNumber + "-" + session.name();
    }

    /**
     * The header by which the OpsDeck console says it is one ({@code OpsDeck-Client: console}): presence tells it
     * apart from other WebSocket clients (the React app), which send none.
     */
    public static final String CLIENT_HEADER = "OpsDeck-Client";

    /** Completes once the port is bound, or exceptionally with why it could not be. */
    public CompletableFuture<Void> started() {
        return started;
    }

    /** Told the new client count after each connect and disconnect, on the socket thread: keep it short. */
    public void onClientsChanged(java.util.function.IntConsumer listener) {
        clientsChanged = listener;
    }

    public int clients() {
        return sessions.size();
    }

    /** Adds fields to {@code /healthz} for a caller with the token; read at each request. */
    public void healthExtras(java.util.function.Supplier<Map<String, ?>> extras) {
        healthExtras = extras;
    }

    public String host() {
        return config.host();
    }

    /** The alert hooks' port, told in {@code /healthz}. */
    public void hooksListening(int port) {
        hooksPort = port;
    }

    @Override
    public void onStart() {
        gate = new Gate(config, "http://" + hostForUrl(config.host()) + ":" + getPort());
        started.complete(null);
    }

    static String hostForUrl(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft,
            ClientHandshake request) throws InvalidDataException {
        HttpDraft d = (HttpDraft) draft;
        String origin = request.getFieldValue("Origin").trim();
        Admission a = d.tooLarge()
                ? new Admission.Refused(HttpReply.problem(431, "Request Header Fields Too Large",
                        "the request head is over " + MAX_HEAD_BYTES + " bytes"))
                : gate.admit(request.getResourceDescriptor(), origin, request.getFieldValue("Authorization").trim(),
                        request.getFieldValue("Host").trim(), d.upgrade());
        d.admitted(a);
        HttpReply reply = null;
        if (a instanceof Admission.Refused r) {
            reply = r.reply();
        } else if (a instanceof Admission.Endpoint e) {
            reply = endpoint(e.path(), e.authorized(), e.user());
        }
        if (reply != null) {
            if (!origin.isEmpty() && gate.originAllowed(origin)) {
                reply = reply.withHeader("Access-Control-Allow-Origin", origin).withHeader("Vary", "Origin");
            }
            d.answer(reply);
            return new HandshakeImpl1Server();
        }
        return super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
    }

    // An unhealthy engine is 503 with the same document: a supervisor that reads only the status notices it. A
    // caller without the token (a probe) learns that and nothing else: not the counts, not where the data is.
    private HttpReply endpoint(String path, boolean authorized, String user) {
        switch (path) {
            case "/healthz":
                String problem = engine.problem().orElse(null);
                if (!authorized) {
                    String bare = problem == null ? "{\"ok\":true}" : "{\"ok\":false}";
                    return problem == null ? HttpReply.ok(bare) : new HttpReply(503, "Service Unavailable", Map.of(), bare);
                }
                String health = Documents.withFields(Documents.health(clients(), engine.tickets().size(), problem,
                        hooksPort, fanout.stalled()), healthExtras.get());
                return problem == null ? HttpReply.ok(health) : new HttpReply(503, "Service Unavailable", Map.of(), health);
            case "/snapshot": return HttpReply.ok(Documents.snapshot(engine.tickets()));
            case "/server": return HttpReply.ok(Documents.server(engine.whereabouts(), engine.instance(),
                    engine.inTeam(), engine.reasoning(), user));
            default: return HttpReply.ok(Documents.world(engine.world()));
        }
    }

    /** A plain HTTP exchange is over once its reply is flushed: close it and never count it as a client. */
    @Override
    protected boolean addConnection(WebSocket conn) {
        if (conn.getDraft() instanceof HttpDraft d && d.plain()) {
            conn.close(CloseFrame.ABNORMAL_CLOSE); // flushes the reply, then closes the TCP connection
            return false;
        }
        return super.addConnection(conn);
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        Admission.Socket admitted = (Admission.Socket) ((HttpDraft) conn.getDraft()).admission();
        boolean replay = admitted.replay();
        ClientSession session = new ClientSession(ids.incrementAndGet(), (BridgeSocket) conn, fanout::remove,
                config.maxBacklog(), config.dropGrace(), reaper);
        // Who this client's acts are recorded as: the user its token names; on a server that asks for no token,
        // nothing names anyone, and the connection's own name is all there is.
        conn.setAttachment(admitted.user() != null ? admitted.user() : session.name());
        sessions.put(conn, session);
        log.info("{} ({}) connected from {} (replay {})", session.name(), conn.<String>getAttachment(),
                conn.getRemoteSocketAddress(), replay);
        try {
            join(session, replay);
        } catch (RuntimeException e) {
            // Never leave a session joining for good: the writer would keep offering it batches.
            log.error("{}: could not send its snapshot; closing it", session.name(), e);
            session.fail("the server could not prepare this client's snapshot: " + e.getMessage());
        }
        // Present once joined (and only then: nothing of the presence may come before the snapshot's time is read).
        boolean console = handshake.getFieldValue(CLIENT_HEADER).trim().equalsIgnoreCase(Person.CONSOLE);
        engine.presence().arrived(presenceKey(session), conn.getAttachment(), console ? Person.CONSOLE : Person.WEB);
        boolean hears = console || admitted.presence();
        if (!conn.isOpen()) {
            // It closed while joining: onClose may have come before its arrival, so it leaves here too.
            engine.presence().left(presenceKey(session));
            if (sessions.remove(conn) != null) {
                session.end(); // possibly before it was in the map for onClose to find
            }
        } else if (hears) {
            hearing.add(session);
            session.tell(WireFormat.presence(engine.presence().people(), now()));
            if (!conn.isOpen()) {
                hearing.remove(session);
            }
        }
        clientsChanged.accept(sessions.size());
    }

    /**
     * The writer offers the session batches from before the mark is read, so none falls between; the snapshot and
     * replay are read as one copy at the mark and encoded here, outside the engine's lock, so a connecting client
     * never holds up a flow. The replay is the newest events that fit half the backlog bound with the snapshot
     * (PROTOCOL.md: "at most" the newest 4000): 4000 events about large tickets would otherwise be more than a
     * client may have unsent, and the client would be dropped the moment it joined.
     */
    private void join(ClientSession session, boolean replay) {
        fanout.add(session);
        EventStream.Mark<List<Ticket>> mark = engine.mark(replay);
        session.marked(mark.seq());
        List<byte[]> snapshot = snapshot(mark);
        List<Published> history = mark.history();
        java.util.ArrayDeque<ByteBuffer> replayed = new java.util.ArrayDeque<>();
        long room = config.maxBacklog() / 2;
        for (byte[] fragment : snapshot) {
            room -= fragment.length;
        }
        for (int i = history.size() - 1; i >= 0; i--) {
            byte[] frame = frames.frame(history.get(i)); // the cached bytes, not a copy, when they are kept
            room -= frame.length;
            if (room < 0) {
                log.info("{}: replay cut to its newest {} of {} events (bytes)", session.name(), replayed.size(),
                        history.size());
                break;
            }
            replayed.addFirst(ByteBuffer.wrap(frame).asReadOnlyBuffer());
        }
        List<ByteBuffer> first = new ArrayList<>(replayed.size() + snapshot.size());
        snapshot.forEach(fragment -> first.add(ByteBuffer.wrap(fragment).asReadOnlyBuffer()));
        first.addAll(replayed);
        session.open(mark.seq(), first);
    }

    /**
     * Clients joining at the same point of the stream (a reconnect storm) share one encoding of the snapshot. It goes
     * out as one message in fragments of at most {@link #SNAPSHOT_FRAGMENT} bytes (1.2 MB at 1,000 tickets): the
     * contract's one {@code snapshot} event, with no write buffer larger than a fragment.
     */
    private List<byte[]> snapshot(EventStream.Mark<List<Ticket>> mark) {
        SnapshotFrames last = lastSnapshot;
        if (last != null && last.seq() == mark.seq()) {
            return last.fragments();
        }
        List<byte[]> fragments = TextFrames.fragments(WireFormat.utf8(new EngineEvent.Snapshot(mark.state()), now()),
                SNAPSHOT_FRAGMENT);
        lastSnapshot = new SnapshotFrames(mark.seq(), fragments);
        return fragments;
    }

    /** The largest payload of one frame of the snapshot. */
    static final int SNAPSHOT_FRAGMENT = 64 * 1024;

    private record SnapshotFrames(long seq, List<byte[]> fragments) {
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        ClientSession session = sessions.remove(conn);
        if (session != null) {
            session.end();
            hearing.remove(session);
            engine.presence().left(presenceKey(session));
            log.info("{} disconnected: {} {}", session.name(), code, reason);
            clientsChanged.accept(sessions.size());
        }
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        ClientSession session = sessions.get(conn);
        if (session == null) {
            return;
        }
        try {
            dispatcher.handle(ClientRequests.parse(message), conn.<String>getAttachment()).ifPresent(session::reply);
        } catch (BadRequest e) {
            BadRequest named = e.requestId() != null || !message.contains("request_id") ? e
                    : new BadRequest(e.getMessage(), ClientRequests.requestIdOf(message));
            session.reply(WireFormat.clientError(named, now()));
        } catch (RuntimeException e) {
            log.error("{}: the engine failed on a request", session.name(), e);
            session.reply(WireFormat.clientError("the engine could not carry that out: " + e.getMessage(), now()));
        }
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        ClientSession session = sessions.get(conn);
        if (session != null) {
            session.reply(WireFormat.clientError("binary frames are not understood: send JSON text frames", now()));
        }
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        if (conn == null && !started.isDone()) {
            started.completeExceptionally(ex); // the port could not be bound
            return;
        }
        log.warn("socket error on {}: {}", conn == null ? "the server" : conn.getRemoteSocketAddress(), ex.toString());
    }

    /**
     * Told (on the watchdog's thread) if the listening socket closes while the bridge is not stopping: the library
     * closes it when an accept fails, and would go on as a live process with a dead port. The owner should exit.
     */
    public void onListenerLost(Runnable action) {
        onListenerLost = action;
    }

    // Every second: connections that never finished their request are cut; a listener that died is told, once.
    private void watch() {
        try {
            admittance.reap();
            if (!stopping && started.isDone() && !started.isCompletedExceptionally() && !listening()) {
                stopping = true;
                log.error("the bridge's listening socket on port {} closed (an accept failed: out of file descriptors?);"
                        + " no client can connect any more", getPort());
                onListenerLost.run();
            }
        } catch (RuntimeException e) {
            log.error("the bridge's watchdog failed", e);
        }
    }

    // The library keeps its listening channel private and closes it silently when accept() fails; read it.
    private boolean listening() {
        try {
            java.lang.reflect.Field f = WebSocketServer.class.getDeclaredField("server");
            f.setAccessible(true);
            Object channel = f.get(this);
            return channel == null || ((java.nio.channels.Channel) channel).isOpen();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true; // cannot tell: assume it is alive rather than stop a working server
        }
    }

    /** Lets go of the writer when the port could not be bound. */
    public void abandon() {
        unlisten.run();
        fanout.close();
        reaper.shutdownNow();
    }

    /** Closes every client with 1001 (going away), waiting up to {@code timeoutMs} for the close handshakes. */
    public void shutdown(int timeoutMs) throws InterruptedException {
        stopping = true;
        unlisten.run();
        fanout.close();
        for (ClientSession s : sessions.values()) {
            s.end();
        }
        try {
            stop(timeoutMs, "the OpsDeck bridge is shutting down");
        } catch (java.nio.channels.ClosedSelectorException raced) {
            // Java-WebSocket's stop(): with many clients its selector thread can end, closing the selector, while
            // stop() still sends the others their close frame; those connections close with the selector's end.
            log.debug("bridge stopped while its selector was already closing");
        } finally {
            reaper.shutdownNow();
        }
    }

    private double now() {
        return engine.config().clock().millis() / 1000.0;
    }
}
