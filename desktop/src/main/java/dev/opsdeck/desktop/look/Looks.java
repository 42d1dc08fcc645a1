package dev.opsdeck.desktop.look;

import java.util.Locale;
import javafx.css.PseudoClass;
import javafx.scene.Node;

/**
 * Looks that change with the data (severity, chip state, how a workflow ended) are CSS pseudo-classes, never
 * style classes.
 *
 * <p>Why: list and table cells show other items whenever items arrive, so these flip all the time during a burst.
 * A style-class change makes JavaFX match every stylesheet rule against the node (and its subtree) again; a
 * pseudo-class change only picks another state from the styles already matched.
 */
public final class Looks {

    private Looks() {
    }

    /** {@code sev1} → {@code :sev1}; {@code remediation_recommended} → {@code :remediation-recommended}; null for none. */
    public static PseudoClass of(String value) {
        return value == null || value.isBlank() ? null
                : PseudoClass.getPseudoClass(value.toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    /** Moves {@code n} from state {@code was} to {@code now} (either may be null); returns {@code now}. */
    public static PseudoClass swap(Node n, PseudoClass was, PseudoClass now) {
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
