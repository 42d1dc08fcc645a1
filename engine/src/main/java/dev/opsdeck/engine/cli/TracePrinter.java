package dev.opsdeck.engine.cli;

import dev.opsdeck.engine.Json;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Published;
import dev.opsdeck.engine.workflow.Envelope;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;

/** Prints the event stream as a terminal trace: {@code [+  1.2s] Sender  CALL tool(args) — body}. */
public final class TracePrinter {

    private final PrintStream out;
    private double t0 = -1;
    private final Map<String, String> shown = new HashMap<>();

    public TracePrinter(PrintStream out) {
        this.out = out;
    }

    public void print(Published p) {
        if (t0 < 0) {
            t0 = p.ts();
        }
        String at = String.format("[+%5.1fs] ", p.ts() - t0);
        EngineEvent e = p.event();
        if (e instanceof EngineEvent.EnvelopePosted posted) {
            Envelope env = posted.envelope();
            String via = env.backend() == null || env.backend().equals("rules") ? "" : "  [" + env.backend() + "]";
            if (env.isPacket()) {
                String call = env.tool() == null ? "(no routing call)"
                        : "CALL " + env.tool() + "(" + clip(Json.write(env.toolArgs()), 160) + ")";
                out.println(at + pad(env.sender()) + call + " — " + clip(env.body(), 240) + via);
            } else {
                out.println(at + pad(env.sender()) + "TEXT " + clip(env.text(), 240));
            }
        } else if (e instanceof EngineEvent.ChannelOpened o) {
            out.println(at + "OPEN  " + o.stage().wire() + " channel " + o.channelId());
        } else if (e instanceof EngineEvent.ChannelClosed c) {
            out.println(at + "CLOSE " + c.channelId() + ": " + c.reason());
        } else if (e instanceof EngineEvent.SignOffRequested r) {
            out.printf("%sSIGN-OFF requested for %s — fixers %s — answer within %.0f s%n", at, r.ticketId(),
                    r.fixers(), r.deadline() - p.ts());
        } else if (e instanceof EngineEvent.SignOffResolved r) {
            out.println(at + "SIGN-OFF " + r.outcome().name().toLowerCase(java.util.Locale.ROOT) + " by " + r.by()
                    + (r.decision() == null ? "" : " — " + clip(r.decision(), 120)));
        } else if (e instanceof EngineEvent.TicketCreated c) {
            shown.put(c.ticket().id(), c.ticket().status().label());
            out.println(at + "TICKET " + c.ticket().id() + " opened: " + c.ticket().issue() + " on "
                    + c.ticket().system() + " (" + c.ticket().sev() + ")");
        } else if (e instanceof EngineEvent.TicketChanged c) {
            // A turn's token usage changes the ticket too; the trace shows only what an operator would notice.
            String line = c.ticket().status().label() + (c.ticket().needsHuman() ? " · needs human" : "");
            if (!line.equals(shown.put(c.ticket().id(), line))) {
                out.println(at + "TICKET " + c.ticket().id() + " " + line);
            }
        } else if (e instanceof EngineEvent.ErrorReported err) {
            out.println(at + "ERROR " + err.where() + ": " + err.detail());
        } else if (e instanceof EngineEvent.InjectIgnored i) {
            out.println(at + "IGNORED " + i.incident() + ": " + i.reason());
        } else if (e instanceof EngineEvent.LogLine l) {
            out.println(at + "LOG   " + l.level().wire() + " " + l.service() + "  " + l.message());
        }
    }

    private static String pad(String sender) {
        return String.format("%-13s", sender);
    }

    static String clip(String s, int max) {
        if (s == null) {
            return "";
        }
        String one = s.replace('\n', ' ');
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }
}
