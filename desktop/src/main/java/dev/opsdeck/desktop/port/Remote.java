package dev.opsdeck.desktop.port;

import dev.opsdeck.bridge.client.Frame;
import dev.opsdeck.bridge.client.WireClient;
import dev.opsdeck.bridge.server.BridgeServer;
import dev.opsdeck.bridge.wire.WireEvents;
import dev.opsdeck.engine.InjectResult;
import dev.opsdeck.engine.Injection;
import dev.opsdeck.engine.Json;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Level;
import dev.opsdeck.engine.event.Outcome;
import dev.opsdeck.engine.event.Published;
import dev.opsdeck.engine.event.Subscriber;
import dev.opsdeck.engine.event.Subscription;
import dev.opsdeck.engine.flow.Answer;
import dev.opsdeck.engine.flow.Texts;
import dev.opsdeck.engine.presence.Person;
import dev.opsdeck.engine.ticket.Act;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Envelope;
import dev.opsdeck.engine.world.Incident;
import dev.opsdeck.engine.world.World;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console on a server it joins over the wire ({@code ./opsdeck --connect ws://host:port/ws}): the server's frames
 * are read back into the engine's own event records ({@link WireEvents}), so every ViewModel folds exactly what it
 * folds in-process. Commands go over the wire and wait for the server's answer (the console sends one at a time). A
 * dropped connection is said on the stream ({@code error} where {@link ConsolePort#LINK}) and retried; once joined
 * again the fresh snapshot replaces the tickets and only the part of the replay this console has not seen yet is
 * passed on (see {@link Seen}), a {@link ConsolePort#LINK} log line says so: nothing the operator was reading is
 * wiped (a log line or a finished row older than the replay would not come back), and nothing is shown twice.
 *
 * <p>One thread of its own, {@code opsdeck-remote}, reads the socket and hands each batch to the subscriber, as the
 * engine's subscription thread does in-process.
 */
public final class Remote implements ConsolePort {

    private static final Logger log = LoggerFactory.getLogger(Remote.class);
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);

    private final URI ws;
    private final String token;
    private final World world;
    /** What the server says of itself ({@code /server}): where it keeps its tickets (and its team name), reasoning. */
    private final String server;
    private final String serverReasoning;
    /** The name the server records for this console's acts (its token's user); empty when it asks for no token. */
    private final String you;
    private final Map<String, List<Envelope>> journals = new ConcurrentHashMap<>();
    private volatile WireClient client;
    private volatile Pending pending;
    private volatile boolean running = true;
    private volatile boolean simulation;
    private long seq;
    private final java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();
    /** The newest server event passed on; read and written by the reader thread only. */
    private final Seen seen = new Seen();

    /**
     * The one request on its way, and how the server's answer is recognised: by the event that answers it, or, for
     * a request with an id ({@code requestId} non-null), by the reply or refusal that names that id.
     */
    private record Pending(Function<EngineEvent, Optional<Object>> answers, CompletableFuture<Object> result,
            String requestId, Function<Frame, Optional<Object>> named) {
        Pending(Function<EngineEvent, Optional<Object>> answers, CompletableFuture<Object> result) {
            this(answers, result, null, f -> Optional.empty());
        }
    }

    private final List<Consumer<List<Person>>> presenceListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile List<Person> people = List.of();

    private Remote(URI ws, String token, World world, com.fasterxml.jackson.databind.JsonNode about,
            WireClient first) {
        this.ws = ws;
        this.token = token;
        this.world = world;
        this.server = about.path("store").asText("");
        this.serverReasoning = about.path("reasoning").asText("");
        this.you = about.path("you").asText("");
        this.client = first;
    }

    /**
     * Joins the server at {@code ws} (its {@code /ws} URL); reads its world first.
     *
     * @throws IllegalArgumentException with a one-line reason when the server cannot be reached or refuses
     */
    public static Remote connect(URI ws, String token) {
        try {
            World world = Json.read(get(ws, token, "/world"), World.class);
            var about = Json.MAPPER.readTree(get(ws, token, "/server"));
            return new Remote(ws, token, world, about, open(ws, token));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot join " + ws + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalArgumentException("interrupted while joining " + ws);
        }
    }

    private static WireClient open(URI ws, String token) throws IOException {
        // The console says it is one: the server's presence tells it apart from a browser.
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(BridgeServer.CLIENT_HEADER, Person.CONSOLE);
        if (token != null && !token.isBlank()) {
            headers.put("Authorization", "Bearer " + token);
        }
        return WireClient.connect(ws, headers, Duration.ofSeconds(10));
    }

    /** A plain document of the server's: {@code /world}, {@code /server}. */
    private static String get(URI ws, String token, String path) throws IOException, InterruptedException {
        URI doc = URI.create((ws.getScheme().equals("wss") ? "https" : "http") + "://" + ws.getAuthority() + path);
        HttpRequest.Builder b = HttpRequest.newBuilder(doc).timeout(Duration.ofSeconds(10));
        if (token != null && !token.isBlank()) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + r.statusCode() + (r.statusCode() == 401
                    ? " (a token is needed: --token)" : ""));
        }
        return r.body();
    }

    public static final String NO_USER = "no user name (the server asks for no token)";

    @Override
    public String name() {
        // The server, where it keeps the tickets (and its team name), and the name the server records for this
        // console's answers: the top bar says on which server, and as whom, a sign-off would be answered. Not the
        // OS user: the server never hears it.
        return ws + " · " + server + " · " + (you.isEmpty() ? NO_USER : "user " + you);
    }

    @Override
    public Optional<URI> joined() {
        return Optional.of(ws);
    }

    /** The server's reasoning, as it says of itself. */
    @Override
    public String reasoning() {
        return serverReasoning;
    }

    @Override
    public World world() {
        return world;
    }

    @Override
    public boolean simulationRunning() {
        return simulation;
    }

    @Override
    public InjectResult inject(Injection injection) {
        Incident incident = injection.isCustom() ? null : world.incident(injection.key()).orElse(world.defaultIncident());
        String system = injection.isCustom() ? injection.system().trim() : incident.system();
        String issue = injection.isCustom() ? injection.issue().trim() : incident.issue();
        String key = injection.isCustom() ? Incident.CUSTOM : incident.key();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "inject");
        if (injection.isCustom()) {
            m.put("scenario", "custom");
            m.put("system", system);
            m.put("issue", issue);
            m.put("sev", injection.sev());
            m.put("description", injection.description());
        } else {
            m.put("incident", key);
        }
        String id = nextRequestId();
        m.put("request_id", id);
        // The server tells this console alone which ticket its inject opened (inject_accepted), and everyone a
        // refusal (inject_ignored), each naming the id: nothing is guessed from the system and issue.
        Pending p = new Pending(e -> {
            if (e instanceof EngineEvent.InjectIgnored i && id.equals(i.requestId())) {
                return Optional.of(InjectResult.refused(i.incident(), i.reason()));
            }
            if (refusal(e, id) instanceof EngineEvent.ErrorReported r) {
                return Optional.of(InjectResult.refused(key, r.detail()));
            }
            return Optional.empty();
        }, new CompletableFuture<>(), id, f -> f.type().equals("inject_accepted")
                ? Optional.of(InjectResult.opened(f.payload().path("ticket_id").asText(), key)) : Optional.empty());
        return (InjectResult) send(m, p);
    }

    @Override
    public Answer answer(String channelId, Outcome verdict, String note, String by) {
        // The verdict in its own words, the note beside it: a note's words ("no issues") must not turn an approval
        // into a rejection on the server, which reads the decision's words failing safe.
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "hitl_response");
        m.put("channel_id", channelId);
        m.put("decision", Texts.decision(verdict, ""));
        if (note != null && !note.isBlank()) {
            m.put("note", note);
        }
        String id = nextRequestId();
        m.put("request_id", id);
        return (Answer) request(m, e -> {
            // The resolution of that sign-off names the request that decided it: ours, or someone's before us.
            if (e instanceof EngineEvent.SignOffResolved r && r.channelId().equals(channelId)) {
                return Optional.of(id.equals(r.requestId()) ? Answer.taken()
                        : Answer.refused("answered first by " + r.by()));
            }
            if (refusal(e, id) instanceof EngineEvent.ErrorReported r) {
                return Optional.of(Answer.refused(r.detail()));
            }
            return Optional.empty();
        });
    }

    @Override
    public Answer requestChanges(String channelId, String feedback, String by) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "request_changes");
        m.put("channel_id", channelId);
        m.put("feedback", feedback);
        return sentBack(m, channelId, Outcome.CHANGES_REQUESTED);
    }

    @Override
    public Answer override(String channelId, String action, String note, String by) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "override");
        m.put("channel_id", channelId);
        m.put("action", action);
        if (note != null && !note.isBlank()) {
            m.put("note", note);
        }
        return sentBack(m, channelId, Outcome.OVERRIDDEN);
    }

    @Override
    public Answer doneByHand(String channelId, String action, String note, String by) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "override");
        m.put("channel_id", channelId);
        m.put("by_hand", true);
        if (action != null && !action.isBlank()) {
            m.put("action", action);
        }
        m.put("note", note);
        return sentBack(m, channelId, Outcome.DONE_BY_HAND);
    }

    /** Taken when the sign-off ends so; another outcome there means someone else answered first. */
    private Answer sentBack(Map<String, Object> m, String channelId, Outcome expected) {
        return (Answer) request(m, e -> {
            if (e instanceof EngineEvent.SignOffResolved r && r.channelId().equals(channelId)) {
                return Optional.of(r.outcome() == expected ? Answer.taken()
                        : Answer.refused("answered first by " + r.by()));
            }
            if (e instanceof EngineEvent.ErrorReported r && r.where().equals("client")) {
                return Optional.of(Answer.refused(r.detail()));
            }
            return Optional.empty();
        });
    }

    /** The token's user, as the server names this console; empty on a server that asks for no token. */
    @Override
    public String user() {
        return you;
    }

    /** Asked of the server ({@code fitting}); a server that does not know the command refuses it: then none. */
    @Override
    public List<Fitting> fittingActions(String ticketId) {
        String id = nextRequestId();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "fitting");
        m.put("ticket_id", ticketId);
        m.put("request_id", id);
        Pending p = new Pending(e -> refusal(e, id) != null ? Optional.of(List.of()) : Optional.empty(),
                new CompletableFuture<>(), id, f -> f.type().equals("fitting_actions")
                        ? Optional.of(fittingOf(f.payload())) : Optional.empty());
        @SuppressWarnings("unchecked")
        List<Fitting> fitting = (List<Fitting>) send(m, p);
        return fitting;
    }

    private static List<Fitting> fittingOf(com.fasterxml.jackson.databind.JsonNode payload) {
        List<Fitting> out = new ArrayList<>();
        payload.path("actions").forEach(a -> out.add(new Fitting(a.path("id").asText(""), a.path("title").asText(""),
                a.path("risk").asText(""), a.path("run").asText(""))));
        return out;
    }

    @Override
    public Act acknowledge(String ticketId) {
        return act(Map.of("type", "ack", "ticket_id", ticketId), ticketId,
                e -> e instanceof EngineEvent.TicketAcknowledged a ? a.requestId() : null);
    }

    @Override
    public Act comment(String ticketId, String text) {
        return act(Map.of("type", "comment", "ticket_id", ticketId, "text", text), ticketId,
                e -> e instanceof EngineEvent.CommentAdded c ? c.requestId() : null);
    }

    /**
     * Sends an act with a {@code request_id} of its own and waits for what names that id: the event that says it
     * was done, or the refusal ({@code error} with the id). Another client's act on the same ticket is not ours.
     */
    private Act act(Map<String, String> message, String ticketId, Function<EngineEvent, String> idOf) {
        String id = nextRequestId();
        Map<String, Object> m = new LinkedHashMap<>(message);
        m.put("request_id", id);
        Pending p = new Pending(e -> id.equals(idOf.apply(e)) ? Optional.of(Act.done(null)) : Optional.empty(),
                new CompletableFuture<>(), id, f -> f.type().equals("error")
                        ? Optional.of(refusal(f.payload().path("detail").asText("refused"))) : Optional.empty());
        return (Act) send(m, p);
    }

    /** A refusal's kind from its words: the wire carries only the words. */
    private static Act refusal(String detail) {
        Act.Result kind = detail.startsWith("no ticket") ? Act.Result.UNKNOWN_TICKET
                : detail.startsWith("not recorded") ? Act.Result.UNAVAILABLE
                : detail.contains("already acknowledged") || detail.contains("has ended") ? Act.Result.CONFLICT
                : Act.Result.INVALID;
        return Act.refused(kind, detail);
    }

    /** Hears the server's {@code presence} messages; empty while the link is down. */
    @Override
    public void onPresence(Consumer<List<Person>> listener) {
        presenceListeners.add(listener);
        listener.accept(people);
    }

    private void presence(List<Person> now) {
        people = List.copyOf(now);
        presenceListeners.forEach(l -> l.accept(people));
    }

    @Override
    public void resumeSimulation() {
        String id = nextRequestId();
        request(Map.of("type", "start", "reset", false, "request_id", id), e -> e instanceof EngineEvent.SimState s
                && s.running() ? Optional.of(true) : client(e, id));
    }

    @Override
    public void stopSimulation() {
        String id = nextRequestId();
        request(Map.of("type", "stop", "request_id", id), e -> e instanceof EngineEvent.SimState s && !s.running()
                ? Optional.of(false) : client(e, id));
    }

    @Override
    public void reset() {
        String id = nextRequestId();
        request(Map.of("type", "reset", "request_id", id), e -> e instanceof EngineEvent.Reset ? Optional.of(true)
                : client(e, id));
    }

    private static Optional<Object> client(EngineEvent e, String requestId) {
        if (refusal(e, requestId) instanceof EngineEvent.ErrorReported r) {
            throw new IllegalStateException("the server refused: " + r.detail());
        }
        return Optional.empty();
    }

    /** {@code e} when it is the server's refusal of the request {@code requestId}, else null. */
    private static EngineEvent refusal(EngineEvent e, String requestId) {
        return e instanceof EngineEvent.ErrorReported r && r.where().equals("client")
                && requestId.equals(r.requestId()) ? e : null;
    }

    /** This console's id for its next request: the server's answer or refusal names it. */
    private String nextRequestId() {
        return "console-" + requests.incrementAndGet();
    }

    /** Archived tickets stay on the server: its own console lists them. */
    @Override
    public List<Ticket> archivedTickets() {
        throw new UnsupportedOperationException("archived tickets are kept on the server " + ws.getAuthority()
                + " and are not on the wire; open them in its own console");
    }

    /** The journal as this console has seen it on the wire (snapshot's replay included). */
    @Override
    public List<Envelope> journal(String channelId) {
        return List.copyOf(journals.getOrDefault(channelId, List.of()));
    }

    /** Sends one request and waits for the event that answers it; a refusal by the server throws with its reason. */
    private Object request(Map<String, ?> message, Function<EngineEvent, Optional<Object>> answers) {
        return send(message, new Pending(answers, new CompletableFuture<>()));
    }

    private Object send(Map<String, ?> message, Pending p) {
        pending = p;
        try {
            client.send(Json.write(message));
            return p.result().get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            throw new IllegalStateException("not connected to " + ws.getAuthority() + " (" + e.getMessage() + ")");
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer from " + ws.getAuthority() + " within "
                    + ANSWER_WITHIN.toSeconds() + " s");
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } finally {
            pending = null;
        }
    }

    @Override
    public Subscription subscribe(String name, boolean replay, Consumer<List<Ticket>> snapshot, Subscriber subscriber) {
        Thread reader = new Thread(() -> read(snapshot, subscriber), "opsdeck-remote");
        reader.setDaemon(true);
        reader.start();
        return () -> {
            running = false;
            reader.interrupt();
        };
    }

    private void read(Consumer<List<Ticket>> snapshot, Subscriber subscriber) {
        WireEvents decoder = new WireEvents();
        Duration backoff = Duration.ofSeconds(1);
        while (running) {
            try {
                Optional<Frame> first = client.next(Duration.ofMillis(500));
                if (first.isEmpty()) {
                    if (client.closed().isDone()) {
                        decoder = reconnect(subscriber, backoff);
                        backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0
                                ? Duration.ofSeconds(10) : backoff.multipliedBy(2);
                    }
                    continue;
                }
                backoff = Duration.ofSeconds(1);
                List<Published> batch = new ArrayList<>();
                for (Optional<Frame> f = first; f.isPresent(); f = client.next(Duration.ZERO)) {
                    Frame frame = f.get();
                    if (frame.type().equals("presence")) {
                        presence(peopleOf(frame.payload()));
                        continue;
                    }
                    answered(frame);
                    Optional<EngineEvent> e = decoder.decode(frame.type(), frame.payload(), frame.ts());
                    if (e.isEmpty()) {
                        continue;
                    }
                    if (e.get() instanceof EngineEvent.Snapshot s) {
                        snapshot.accept(s.tickets());
                        continue;
                    }
                    if (!seen.isNew(frame.ts())) {
                        continue; // replayed after a rejoin, and passed on before the drop
                    }
                    seen(e.get());
                    batch.add(new Published(++seq, frame.ts(), e.get()));
                    if (batch.size() >= 500) {
                        break;
                    }
                }
                if (!batch.isEmpty()) {
                    subscriber.onEvents(batch);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("a frame from {} could not be read: {}", ws, e.toString());
            }
        }
        client.close();
    }

    /** A reply or refusal naming the pending request's id answers it. */
    private void answered(Frame frame) {
        Pending p = pending;
        if (p != null && p.requestId() != null && frame.payload() != null
                && p.requestId().equals(frame.payload().path("request_id").asText(null))) {
            p.named().apply(frame).ifPresent(p.result()::complete);
        }
    }

    private static List<Person> peopleOf(com.fasterxml.jackson.databind.JsonNode payload) {
        List<Person> out = new ArrayList<>();
        payload.path("people").forEach(p -> out.add(new Person(p.path("name").asText(""), p.path("via").asText(""),
                p.path("server").asText(""), p.path("since").asDouble(), p.path("connections").asInt(1))));
        return out;
    }

    /** What the adapter itself keeps of an event (journals, the simulation), then hands any pending request its answer. */
    private void seen(EngineEvent e) {
        if (e instanceof EngineEvent.EnvelopePosted p) {
            journals.computeIfAbsent(p.envelope().channelId(), k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                    .add(p.envelope());
        } else if (e instanceof EngineEvent.SimState s) {
            simulation = s.running();
        } else if (e instanceof EngineEvent.Reset) {
            journals.clear();
        }
        Pending p = pending;
        if (p != null) {
            try {
                p.answers().apply(e).ifPresent(p.result()::complete);
            } catch (RuntimeException refused) {
                p.result().completeExceptionally(refused);
            }
        }
    }

    /**
     * The connection dropped: say so on the stream, try again after {@code wait}, and on success reset the view so
     * the new snapshot and replay rebuild it without anything twice.
     */
    private WireEvents reconnect(Subscriber subscriber, Duration wait) throws InterruptedException {
        presence(List.of()); // nobody is known to be there while the link is down
        subscriber.onEvents(List.of(new Published(++seq, now(), new EngineEvent.ErrorReported(LINK,
                "lost the connection to " + ws.getAuthority() + "; trying again in " + wait.toSeconds() + " s"))));
        Thread.sleep(wait.toMillis());
        try {
            client = open(ws, token);
        } catch (IOException e) {
            return new WireEvents();
        }
        seen.rejoining();
        subscriber.onEvents(List.of(new Published(++seq, now(), new EngineEvent.LogLine(LINK, "joined "
                + ws.getAuthority() + " again: what was on screen is kept, and what happened meanwhile follows",
                Level.INFO))));
        return new WireEvents();
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }

    @Override
    public void close() {
        running = false;
        client.close();
    }
}
