package dev.opsdeck.engine.runbook;

import dev.opsdeck.engine.ticket.Ticket;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where one parameter of an action comes from ({@code alert.labels.NAME}, {@code alert.annotations.NAME},
 * {@code ticket.system}, {@code ticket.issue}, or a literal) and the pattern its value must match in full before the
 * action may be proposed.
 */
public record Param(String name, String from, String literal, Pattern pattern) {

    /** The value for this ticket, or why there is none that may be used. */
    Value valueFor(Ticket ticket) {
        String v = literal != null ? literal : lookup(ticket).orElse(null);
        if (v == null) {
            return Value.refused("parameter '" + name + "': the ticket has no " + from);
        }
        if (v.contains("${")) {
            return Value.refused("parameter '" + name + "': the value " + shown(v) + " contains '${'");
        }
        if (pattern != null && !pattern.matcher(v).matches()) {
            return Value.refused("parameter '" + name + "': the value " + shown(v) + " does not match "
                    + pattern.pattern());
        }
        return new Value(v, null);
    }

    private Optional<String> lookup(Ticket t) {
        if (from.equals("ticket.system")) {
            return Optional.of(t.system());
        }
        if (from.equals("ticket.issue")) {
            return Optional.of(t.issue());
        }
        if (t.alert() == null) {
            return Optional.empty();
        }
        Map<String, String> map = from.startsWith("alert.labels.") ? t.alert().labels() : t.alert().annotations();
        return Optional.ofNullable(map.get(from.substring(from.indexOf('.', 6) + 1)));
    }

    /** Whether {@code from} names a source this class can read. */
    static boolean knownSource(String from) {
        return from.equals("ticket.system") || from.equals("ticket.issue")
                || (from.startsWith("alert.labels.") && from.length() > 13)
                || (from.startsWith("alert.annotations.") && from.length() > 18);
    }

    private static String shown(String v) {
        String s = v.length() > 80 ? v.substring(0, 80) + "…" : v;
        return "'" + s + "'";
    }

    record Value(String value, String refusal) {
        static Value refused(String why) {
            return new Value(null, why);
        }
    }
}
