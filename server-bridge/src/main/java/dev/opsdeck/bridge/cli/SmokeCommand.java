package dev.opsdeck.bridge.cli;

import dev.opsdeck.bridge.client.Frame;
import dev.opsdeck.bridge.client.WireClient;
import dev.opsdeck.engine.Json;
import dev.opsdeck.engine.cli.DurationConverter;
import dev.opsdeck.engine.ticket.Status;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code opsdeck smoke}: the seed's smoke client against a running bridge. It injects an incident, approves the
 * sign-off, prints a compact trace, and passes only when the ticket its own inject opened reaches a terminal status.
 * It connects with {@code replay=0} and injects only after the snapshot, so an older ticket can never pass for it.
 */
@Command(name = SmokeCommand.NAME, mixinStandardHelpOptions = true,
        description = {"Smoke-test a running bridge: inject, approve the sign-off, wait for a terminal status.",
                "At serve's default --pace (600 ms a turn) an incident takes several seconds; with --pace 0 about one."})
public final class SmokeCommand implements Callable<Integer> {

    /** The word that names this command (the launcher knows the console from it before any parsing). */
    public static final String NAME = "smoke";

    static final String APPROVAL = "APPROVED via smoke client: proceed with the disruptive step.";

    @Option(names = "--url", paramLabel = "URL", defaultValue = "ws://127.0.0.1:8000/ws",
            description = "The bridge's WebSocket (default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:OPSDECK_TOKEN}",
            description = "The bridge's access token, if it has one (default: $OPSDECK_TOKEN).")
    String token;

    @Option(names = "--incident", paramLabel = "KEY", defaultValue = "web_5xx",
            description = "Incident key to inject (default: ${DEFAULT-VALUE}).")
    String incident;

    @Option(names = "--deadline", paramLabel = "DURATION", defaultValue = "300s", converter = DurationConverter.class,
            description = "Give up after this long (default: ${DEFAULT-VALUE}).")
    Duration deadline;

    private final PrintStream out;

    public SmokeCommand() {
        this(System.out);
    }

    public SmokeCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws InterruptedException {
        URI target = withReplayOff(url);
        Map<String, String> headers = token == null || token.isBlank() ? Map.of()
                : Map.of("Authorization", "Bearer " + token);
        try (WireClient client = WireClient.connect(target, headers, Duration.ofSeconds(10))) {
            return run(client);
        } catch (IOException e) {
            out.println("FAIL: " + e.getMessage());
            return 1;
        }
    }

    private int run(WireClient client) throws IOException, InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        Trace trace = new Trace(out);
        Optional<Frame> first = client.next(Duration.ofSeconds(10));
        if (first.isEmpty() || !first.get().type().equals("snapshot")) {
            out.println("FAIL: the server did not open with a snapshot: " + first.map(Frame::raw).orElse("(nothing in 10 s)"));
            return 1;
        }
        client.send(Json.write(Map.of("type", "inject", "incident", incident)));
        out.println("→ inject " + incident);
        String ticket = null;
        Set<String> channels = new HashSet<>();
        while (System.nanoTime() < end) {
            Optional<Frame> next = client.next(Duration.ofNanos(Math.max(1, end - System.nanoTime())));
            if (next.isEmpty()) {
                break;
            }
            Frame f = next.get();
            String ticketOf = f.payload().path("id").asText(f.text("ticket_id"));
            switch (f.type()) {
                case "ticket_created":
                    if (ticket == null) {
                        ticket = f.text("id"); // the first ticket after our inject, on a stream we joined live
                    }
                    break;
                case "inject_ignored":
                    if (ticket == null) {
                        out.println("FAIL: the inject was refused: " + f.text("reason"));
                        return 1;
                    }
                    break;
                case "channel_opened":
                    if (f.text("ticket_id").equals(ticket)) {
                        channels.add(f.text("channel_id"));
                    }
                    break;
                case "hitl_requested":
                    if (f.text("ticket_id").equals(ticket)) {
                        trace.print(f);
                        client.send(Json.write(hitl(f.text("channel_id"))));
                        out.println("→ hitl_response " + APPROVAL);
                        continue;
                    }
                    break;
                default:
                    break;
            }
            boolean ours = ticketOf.equals(ticket) && ticket != null || channels.contains(f.text("channel_id"))
                    || f.type().equals("error");
            if (ours) {
                trace.print(f);
            }
            if (f.type().equals("ticket_status") && ticketOf.equals(ticket) && Status.terminalLabel(f.text("status"))) {
                out.println("PASS: " + ticket + " reached " + f.text("status"));
                return 0;
            }
        }
        out.println("FAIL: " + (ticket == null ? "no ticket was opened" : ticket + " did not reach a terminal status")
                + " within " + deadline.toSeconds() + " s");
        return 1;
    }

    private static Map<String, Object> hitl(String channelId) {
        Map<String, Object> m = new HashMap<>();
        m.put("type", "hitl_response");
        m.put("channel_id", channelId);
        m.put("decision", APPROVAL);
        return m;
    }

    /** The same URL with {@code replay=0}, unless it already says otherwise. */
    static URI withReplayOff(URI uri) {
        String q = uri.getRawQuery();
        if (q != null && q.matches("(^|.*&)replay=.*")) {
            return uri;
        }
        String s = uri.toString();
        return URI.create(s + (q == null ? "?" : "&") + "replay=0");
    }
}
