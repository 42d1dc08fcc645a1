package dev.opsdeck.bridge.cli;

import dev.opsdeck.bridge.client.Frame;
import java.io.PrintStream;

/** The smoke client's compact trace: one line per envelope, channel, ticket change, sign-off or error. */
final class Trace {

    private final PrintStream out;
    private double t0 = -1;

    Trace(PrintStream out) {
        this.out = out;
    }

    void print(Frame f) {
        if (t0 < 0) {
            t0 = f.ts();
        }
        String at = String.format("[+%5.1fs] ", f.ts() - t0);
        switch (f.type()) {
            case "envelope":
                String what = f.text("tool").isEmpty() ? "TEXT " + clip(f.text("text"))
                        : "CALL " + f.text("tool") + " " + clip(f.payload().path("tool_args").toString());
                out.println(at + String.format("%-13s", f.text("sender")) + what);
                break;
            case "channel_opened":
                out.println(at + "OPEN  " + f.text("stage") + " " + f.text("channel_id"));
                break;
            case "channel_closed":
                out.println(at + "CLOSE " + f.text("channel_id") + ": " + f.text("reason"));
                break;
            case "ticket_created":
            case "ticket_status":
                out.println(at + "TICKET " + f.text("id") + " " + f.text("status")
                        + (f.payload().path("needs_human").asBoolean() ? " · needs human" : ""));
                break;
            case "hitl_requested":
                out.println(at + "HITL requested on " + f.text("channel_id") + " · fixers " + f.payload().path("fixers"));
                break;
            case "hitl_resolved":
                out.println(at + "HITL " + f.text("outcome") + " · " + clip(f.text("decision")));
                break;
            case "error":
                out.println(at + "ERROR " + f.text("where") + ": " + f.text("detail"));
                break;
            default:
                break;
        }
    }

    private static String clip(String s) {
        String one = s.replace('\n', ' ');
        return one.length() <= 100 ? one : one.substring(0, 100) + "…";
    }
}
