package dev.opsdeck.desktop.workflow;

import dev.opsdeck.desktop.look.Looks;
import javafx.css.PseudoClass;

/** Where one agent stands on a pipeline rail. */
public enum ChipState {
    /** Not reached yet. */
    IDLE,
    /** Its turn now (the expected speaker, or a pending band member). */
    ACTIVE,
    /** Has posted. */
    DONE,
    /** Will not post on this channel (not chosen for the band, or the channel closed first). */
    SKIPPED,
    /** Waiting on the operator: the Human fixer while a sign-off is pending. */
    BLOCKED;

    private final PseudoClass look = Looks.of(name());

    /** {@code :idle}, {@code :active}, {@code :done}, {@code :skipped}, {@code :blocked} on chips and mini chips. */
    public PseudoClass look() {
        return look;
    }
}
