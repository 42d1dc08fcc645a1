package dev.opsdeck.bridge.notify;

import dev.opsdeck.bridge.wire.WireFormat;
import dev.opsdeck.engine.Engine;
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
 */
public final class Notifier implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);
    /** The waits before each retry; after the last, the notification is given up (and said so). */
    static final List<Duration> BACKOFF = List.of(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(4), Duration.ofSeconds(8));

    private final List<URI> receivers;
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
        this.subscription = engine.subscribe("notify", this::onEvents);
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

    /** The receivers that failed last time, by name, with why: empty when every one took its last notification. */
    public Map<String, String> failures() {
        return Map.copyOf(failing);
    }

    private void onEvents(List<Published> events) {
        for (Published p : events) {
            text(p.event()).ifPresent(text -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("text", text);
                body.put("event", Map.of("type", p.event().type(), "payload",
                        new com.fasterxml.jackson.databind.util.RawValue(WireFormat.payload(p.event()))));
                String json = WireFormat.json(body);
                for (URI to : receivers) {
                    sender.execute(() -> send(to, json, 0));
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

    private void send(URI to, String json, int attempt) {
        String why;
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(to).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() / 100 == 2) {
                failing.remove(name(to));
                return;
            }
            why = "answered " + r.statusCode();
        } catch (java.io.IOException e) {
            why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (attempt < BACKOFF.size()) {
            failing.put(name(to), why + " (retrying, attempt " + (attempt + 1) + " of " + (BACKOFF.size() + 1) + ")");
            try {
                sender.schedule(() -> send(to, json, attempt + 1), BACKOFF.get(attempt).toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                log.debug("notifier closing: a retry to {} is dropped", name(to));
            }
        } else {
            failing.put(name(to), why + "; gave up after " + (BACKOFF.size() + 1) + " attempts");
            log.warn("notification to {} not delivered: {}", name(to), why);
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
