package dev.opsdeck.desktop.tickets;

import dev.opsdeck.desktop.look.Looks;
import dev.opsdeck.engine.ticket.Status;
import java.util.EnumMap;
import java.util.Map;
import javafx.css.PseudoClass;

/** The table's per-ticket status and waiting-on-the-operator looks, as pseudo-classes (see {@link Looks}). */
final class RowStates {

    static final PseudoClass NEEDS_HUMAN = PseudoClass.getPseudoClass("needs-human");
    private static final Map<Status, PseudoClass> STATUS = new EnumMap<>(Status.class);

    static {
        for (Status s : Status.values()) {
            STATUS.put(s, Looks.of(s.name()));
        }
    }

    private RowStates() {
    }

    static PseudoClass status(Status s) {
        return s == null ? null : STATUS.get(s);
    }
}
