package dev.opsdeck.bridge.notify;

import dev.opsdeck.bridge.wire.WireFormat;
import dev.opsdeck.engine.Engine;
import dev.opsdeck.engine.Notices;
import dev.opsdeck.engine.store.Store;
import dev.opsdeck.engine.store.StoreException;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Published;
import dev.opsdeck.engine.event.Subscription;
import dev.opsdeck.engine.ticket.Ticket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --notify-webhook URL}: a JSON POST to each URL when a sign-off is asked, a SEV1 opens, a SEV1's
 * acknowledgement is overdue ({@code --ack-reminder}) and a ticket closes:
 * Slack-compatible {@code text} plus the structured {@code event} ({@code type}, {@code payload}, as on the wire).
 * Sent from a thread of its own, retried with back-off ({@link #BACKOFF}), never holding up a flow; the last failure
 * of each receiver is kept for {@code /healthz}. A URL is named in logs and health by its scheme, host and port
 * only: a chat webhook's path is its secret.
 *
 * <p>Each notification is claimed in the store before it is sent ({@link Notices}), per receiver: with the option on
 * every server of a team, each is sent once, by the first server to claim it. A claim its server left undone (it
 * died mid-delivery) is found by another server's sweep every {@link #SWEEP} and sent from there.
 */
public final class Notifier implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);
    /** The waits before each retry; after the last, the notification is given up (and said so). */
    static final List<Duration> BACKOFF = List.of(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(4), Duration.ofSeconds(8));

    /** How often this server looks for notifications another server claimed and left undone. */
    static final Duration SWEEP = Duration.ofSeconds(5);

    private final List<URI> receivers;
    /** Each receiver's name in the health and the log (see {@link #labels}). */
    private final Map<URI, String> labels;
    private final Notices notices;
    private final java.util.concurrent.atomic.AtomicLong takenOver = new java.util.concurrent.atomic.AtomicLong();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "opsdeck-notify");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, String> failing = new ConcurrentHashMap<>();
    private final Set<String> closedTold = ConcurrentHashMap.newKeySet();
    private final Subscription subscription;

    private Notifier(Engine engine, List<URI> receivers) {
        this.receivers = List.copyOf(receivers);
        this.labels = labels(this.receivers);
        this.notices = engine.notices();
        this.subscription = engine.subscribe("notify", this::onEvents);
        sender.scheduleWithFixedDelay(this::sweep, SWEEP.toMillis(), SWEEP.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * @throws IllegalArgumentException for a URL that is not http(s)
     */
    public static Notifier start(Engine engine, List<String> urls) {
        List<URI> uris = urls.stream().map(Notifier::parse).toList();
        return new Notifier(engine, uris);
    }

    private static URI parse(String url) {
        try {
            URI u = URI.create(url);
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                throw new IllegalArgumentException("--notify-webhook " + name(u) + ": give an http:// or https:// URL");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith("--notify-webhook") ? e.getMessage()
                    : "--notify-webhook: not a URL (" + e.getMessage() + ")");
        }
    }

    /**
     * A receiver's scheme, host and port (its path may hold a secret), and, when another receiver shares them, its
     * place among the {@code --notify-webhook} options: a receiver's success must not hide another's failure.
     */
    private static Map<URI, String> labels(List<URI> receivers) {
        Map<String, Long> sharing = receivers.stream().distinct().collect(java.util.stream.Collectors.groupingBy(
                Notifier::name, java.util.stream.Collectors.counting()));
        Map<URI, String> out = new java.util.HashMap<>();
        for (int i = 0; i < receivers.size(); i++) {
            URI u = receivers.get(i);
            out.putIfAbsent(u, sharing.get(name(u)) > 1 ? name(u) + " (--notify-webhook #" + (i + 1) + ")" : name(u));
        }
        return Map.copyOf(out);
    }

    private String label(URI to) {
        return labels.getOrDefault(to, name(to));
    }

    /** The receivers that failed last time, by name, with why: empty when every one took its last notification. */
    public Map<String, String> failures() {
        return Map.copyOf(failing);
    }

    /** How many notifications this server sent for another that had claimed them and left them undone. */
    public long takenOver() {
        return takenOver.get();
    }

    private void onEvents(List<Published> events) {
        for (Published p : events) {
            text(p.event()).ifPresent(text -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("text", text);
                body.put("event", Map.of("type", p.event().type(), "payload",
                        new com.fasterxml.jackson.databind.util.RawValue(WireFormat.payload(p.event()))));
                String json = WireFormat.json(body);
                String key = key(p.event());
                for (URI to : receivers) {
                    sender.execute(() -> send(to, key, json, 0));
                }
            });
        }
    }

    /** What a person is told, or empty for an event that is no news for a chat. */
    Optional<String> text(EngineEvent e) {
        if (e instanceof EngineEvent.SignOffRequested r) {
            return Optional.of("OpsDeck: sign-off needed on " + r.ticketId() + " (" + r.actions().size()
                    + " action(s)): " + firstLine(r.prompt()));
        }
        if (e instanceof EngineEvent.TicketCreated c && "sev1".equals(c.ticket().sev())) {
            Ticket t = c.ticket();
            return Optional.of("OpsDeck: SEV1 opened: " + t.id() + " " + t.system() + " " + t.issue());
        }
        if (e instanceof EngineEvent.AckOverdue o) {
            return Optional.of("OpsDeck: " + o.sev().toUpperCase(java.util.Locale.ROOT) + " " + o.ticketId()
                    + " is still not acknowledged " + dev.opsdeck.engine.ticket.Durations.say(
                            java.time.Duration.ofSeconds(o.afterSeconds())) + " after it opened: take it");
        }
        if (e instanceof EngineEvent.TicketChanged c && c.ticket().status().terminal()
                && closedTold.add(c.ticket().id())) {
            Ticket t = c.ticket();
            return Optional.of("OpsDeck: " + t.id() + " closed: " + t.status().label()
                    + (t.resolution().isEmpty() ? "" : " — " + firstLine(t.resolution())));
        }
        if (e instanceof EngineEvent.Reset) {
            closedTold.clear();
        }
        return Optional.empty();
    }

    /**
     * The same on every server for the same news: a sign-off asked (asked again after a restart or a take-over, it
     * keeps its deadline), a SEV1 opened, a SEV1's acknowledgement overdue (told once per ticket), a ticket closed.
     */
    static String key(EngineEvent e) {
        if (e instanceof EngineEvent.SignOffRequested r) {
            return "hitl_requested:" + r.channelId() + ":" + r.deadline();
        }
        if (e instanceof EngineEvent.TicketCreated c) {
            return "ticket_created:" + c.ticket().id();
        }
        if (e instanceof EngineEvent.TicketChanged c) {
            return "closed:" + c.ticket().id();
        }
        if (e instanceof EngineEvent.AckOverdue o) {
            return "ack_overdue:" + o.ticketId();
        }
        return e.type() + ":" + sha256(WireFormat.payload(e));
    }

    /** A receiver as the store keeps it: a hash of its URL, whose path may be a secret. */
    static String receiver(URI to) {
        return sha256(to.toString());
    }

    private static String sha256(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends the notifications other servers claimed and left undone, to the receivers this server knows too. */
    private void sweep() {
        try {
            for (Store.Notice n : notices.stale(receivers.stream().map(Notifier::receiver).toList(), 50)) {
                for (URI to : receivers) {
                    if (receiver(to).equals(n.receiver()) && notices.claim(n.key(), n.receiver(), n.body())) {
                        takenOver.incrementAndGet();
                        log.info("sending notification {} to {}: its first sender left it undone", n.key(), label(to));
                        send(to, n.key(), n.body(), 0);
                    }
                }
            }
        } catch (StoreException e) {
            log.debug("no sweep of undone notifications now: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.error("the sweep of undone notifications failed", e);
        }
    }

    /** One attempt: claimed (again) first, so that exactly one server sends it, and a retry stops once taken over. */
    private void send(URI to, String key, String json, int attempt) {
        String receiver = receiver(to);
        String why;
        try {
            if (!notices.claim(key, receiver, json)) {
                return; // another server of the team sends it (or sent it)
            }
        } catch (StoreException e) {
            // Unclaimed, it is not sent: sent anyway it could reach the receiver twice. Tried again like a failure.
            retryOrGiveUp(to, key, json, attempt, "cannot claim it in the store (" + e.getMessage() + ")", false);
            return;
        }
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(to).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() / 100 == 2) {
                failing.remove(label(to));
                markDone(key, receiver);
                return;
            }
            why = "answered " + r.statusCode();
        } catch (java.io.IOException e) {
            why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        retryOrGiveUp(to, key, json, attempt, why, true);
    }

    private void retryOrGiveUp(URI to, String key, String json, int attempt, String why, boolean claimed) {
        if (attempt < BACKOFF.size()) {
            failing.put(label(to), why + " (retrying, attempt " + (attempt + 1) + " of " + (BACKOFF.size() + 1) + ")");
            try {
                sender.schedule(() -> send(to, key, json, attempt + 1), BACKOFF.get(attempt).toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                // Its claim goes stale, and another server of the team sends it then.
                log.debug("notifier closing: a retry to {} is dropped", label(to));
            }
        } else {
            failing.put(label(to), why + "; gave up after " + (BACKOFF.size() + 1) + " attempts");
            log.warn("notification to {} not delivered: {}", label(to), why);
            if (claimed) {
                markDone(key, receiver(to));
            }
        }
    }

    /** Nobody sends it again; a store that cannot say so leaves the claim to go stale, and it may be sent again. */
    private void markDone(String key, String receiver) {
        try {
            notices.done(key, receiver);
        } catch (StoreException e) {
            log.warn("notification {} sent, but the store could not record it ({}): another server may send it again",
                    key, e.getMessage());
        }
    }

    /** A receiver as it may be shown: scheme, host and port, never the path (a chat webhook's secret). */
    static String name(URI u) {
        return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
    }

    private static String firstLine(String s) {
        String line = s == null ? "" : s.strip().lines().findFirst().orElse("");
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }

    @Override
    public void close() {
        subscription.close();
        sender.shutdownNow();
    }
}
