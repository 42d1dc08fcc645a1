package dev.opsdeck.desktop.tickets;

import dev.opsdeck.engine.ticket.Status;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import javafx.css.PseudoClass;
import javafx.scene.Node;

/**
 * The table's per-ticket looks (severity, status, waiting on the operator) as CSS pseudo-classes, not style classes.
 *
 * <p>Why: rows shift to other tickets whenever one arrives, so these flip all the time during a burst. A style-class
 * change makes JavaFX match every stylesheet rule against the node again; a pseudo-class change only picks another
 * state from the styles already matched.
 */
final class RowStates {

    static final PseudoClass NEEDS_HUMAN = PseudoClass.getPseudoClass("needs-human");
    private static final Map<Status, PseudoClass> STATUS = new EnumMap<>(Status.class);

    static {
        for (Status s : Status.values()) {
            STATUS.put(s, PseudoClass.getPseudoClass(s.name().toLowerCase(Locale.ROOT).replace('_', '-')));
        }
    }

    private RowStates() {
    }

    /** {@code sev1} → {@code :sev1}; null for none. */
    static PseudoClass sev(String sev) {
        return sev == null || sev.isBlank() ? null : PseudoClass.getPseudoClass(sev.toLowerCase(Locale.ROOT));
    }

    static PseudoClass status(Status s) {
        return s == null ? null : STATUS.get(s);
    }

    /** Moves {@code n} from state {@code was} to {@code now} (either may be null); returns {@code now}. */
    static PseudoClass swap(Node n, PseudoClass was, PseudoClass now) {
        if (was != now) {
            if (was != null) {
                n.pseudoClassStateChanged(was, false);
            }
            if (now != null) {
                n.pseudoClassStateChanged(now, true);
            }
        }
        return now;
    }
}
