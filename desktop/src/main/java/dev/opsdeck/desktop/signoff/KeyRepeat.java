package dev.opsdeck.desktop.signoff;

import java.util.EnumSet;
import java.util.Set;
import javafx.scene.input.KeyCode;

/**
 * Tells a key's first press from the auto-repeat of a key held down (the platform sends more presses, no releases),
 * so holding a decision shortcut answers at most once.
 */
final class KeyRepeat {

    private final Set<KeyCode> held = EnumSet.noneOf(KeyCode.class);

    /** True for the first press since the key went down; false for its repeats. */
    boolean firstPress(KeyCode code) {
        return held.add(code);
    }

    void released(KeyCode code) {
        held.remove(code);
    }

    /** The window lost the focus: releases it will not hear of must not make the next press look like a repeat. */
    void forget() {
        held.clear();
    }
}
