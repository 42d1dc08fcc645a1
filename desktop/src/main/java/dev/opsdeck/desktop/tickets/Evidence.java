package dev.opsdeck.desktop.tickets;

import dev.opsdeck.engine.workflow.Envelope;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** One line per envelope: when, who, with which tool, and what they said. */
public final class Evidence {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final int ARGS_PREVIEW = 90;

    private Evidence() {
    }

    public static String line(Envelope e) {
        String what = e.isPacket() ? e.tool() + "(" + args(e.toolArgs()) + ")" : "text";
        String via = e.backend() == null || e.backend().equals("rules") ? "" : "  [" + e.backend() + "]";
        return TIME.format(Instant.ofEpochMilli(Math.round(e.ts() * 1000))) + "  " + e.sender() + "  " + what
                + "  — " + oneLine(e.line()) + via;
    }

    static String args(Map<String, Object> args) {
        if (args == null || args.isEmpty()) {
            return "";
        }
        String s = args.toString();
        s = s.substring(1, s.length() - 1);
        return s.length() > ARGS_PREVIEW ? s.substring(0, ARGS_PREVIEW - 1) + "…" : s;
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }

    static String time(double ts) {
        return TIME.format(Instant.ofEpochMilli(Math.round(ts * 1000)));
    }
}
