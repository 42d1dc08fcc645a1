package dev.opsdeck.engine.alert;

import dev.opsdeck.engine.InjectLimits;
import java.util.Map;

/**
 * An alert opens a ticket as an inject does, so it obeys the same limits ({@link InjectLimits}): its system at most
 * {@link InjectLimits#SYSTEM} characters and never a look-alike of another host ({@link LookalikeName}), its name (the
 * ticket's issue) at most {@link InjectLimits#ISSUE}, each label name at most {@link InjectLimits#LABEL_NAME} and
 * each value as bounded as any other text of an inject ({@link InjectLimits#TEXT}). A delivery with an alert past
 * them is refused whole, naming the field.
 */
final class AlertLimits {

    private AlertLimits() {
    }

    /** @throws BadPayload naming the first field past its limit */
    static void check(String where, Map<String, String> labels, String system) {
        for (Map.Entry<String, String> l : labels.entrySet()) {
            if (l.getKey().length() > InjectLimits.LABEL_NAME) {
                throw new BadPayload(where + ".labels: a label name is " + l.getKey().length()
                        + " characters long; at most " + InjectLimits.LABEL_NAME + " are accepted");
            }
            if (l.getValue().length() > InjectLimits.TEXT) {
                throw new BadPayload(where + ".labels." + l.getKey() + ": " + l.getValue().length()
                        + " characters long; at most " + InjectLimits.TEXT + " are accepted");
            }
        }
        String alertname = labels.get("alertname").trim();
        if (alertname.length() > InjectLimits.ISSUE) {
            throw new BadPayload(where + ".labels.alertname: " + alertname.length() + " characters long; at most "
                    + InjectLimits.ISSUE + " are accepted (it is the ticket's issue, as an inject's)");
        }
        String label = AlertMapping.systemLabel(labels).orElse(null);
        if (label == null) {
            return;
        }
        if (system.length() > InjectLimits.SYSTEM) {
            throw new BadPayload(where + ".labels." + label + ": the system name is " + system.length()
                    + " characters long; at most " + InjectLimits.SYSTEM + " are accepted, as for an inject");
        }
        LookalikeName.why(system).ifPresent(why -> {
            throw new BadPayload(where + ".labels." + label + ": the system name " + why + "; refused");
        });
    }
}
