package dev.opsdeck.engine.alert;

import dev.opsdeck.engine.Injection;
import java.util.Map;

/**
 * An alert opens a ticket as an inject does, so it obeys the same limits: its system at most
 * {@link Injection#MAX_SYSTEM_CHARS} characters and never a look-alike of another host ({@link LookalikeName}), its
 * name (the ticket's issue) at most {@link Injection#MAX_ISSUE_CHARS}, and each label as bounded as a text field of
 * an inject on the wire. A delivery with an alert past them is refused whole, naming the field.
 */
final class AlertLimits {

    /** The longest label name: Prometheus' are short identifiers; a longer one is a mistake or a payload. */
    static final int MAX_LABEL_NAME_CHARS = 100;
    /** The longest label value: as any text field of an inject on /ws (server-bridge wire/ClientRequests). */
    static final int MAX_LABEL_VALUE_CHARS = 1000;

    private AlertLimits() {
    }

    /** @throws BadPayload naming the first field past its limit */
    static void check(String where, Map<String, String> labels, String system) {
        for (Map.Entry<String, String> l : labels.entrySet()) {
            if (l.getKey().length() > MAX_LABEL_NAME_CHARS) {
                throw new BadPayload(where + ".labels: a label name is " + l.getKey().length()
                        + " characters long; at most " + MAX_LABEL_NAME_CHARS + " are accepted");
            }
            if (l.getValue().length() > MAX_LABEL_VALUE_CHARS) {
                throw new BadPayload(where + ".labels." + l.getKey() + ": " + l.getValue().length()
                        + " characters long; at most " + MAX_LABEL_VALUE_CHARS + " are accepted");
            }
        }
        String alertname = labels.get("alertname").trim();
        if (alertname.length() > Injection.MAX_ISSUE_CHARS) {
            throw new BadPayload(where + ".labels.alertname: " + alertname.length() + " characters long; at most "
                    + Injection.MAX_ISSUE_CHARS + " are accepted (it is the ticket's issue, as an inject's)");
        }
        String label = AlertMapping.systemLabel(labels).orElse(null);
        if (label == null) {
            return;
        }
        if (system.length() > Injection.MAX_SYSTEM_CHARS) {
            throw new BadPayload(where + ".labels." + label + ": the system name is " + system.length()
                    + " characters long; at most " + Injection.MAX_SYSTEM_CHARS + " are accepted, as for an inject");
        }
        LookalikeName.why(system).ifPresent(why -> {
            throw new BadPayload(where + ".labels." + label + ": the system name " + why + "; refused");
        });
    }
}
