package dev.opsdeck.desktop.signoff;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

/** A held decision key answers once: its auto-repeat presses (no release between) are not presses. */
class KeyRepeatTest {

    private final KeyRepeat keys = new KeyRepeat();

    @Test
    void aHeldKeysRepeats_areNotPresses_untilItIsReleased() {
        assertThat(keys.firstPress(KeyCode.A)).isTrue();
        assertThat(keys.firstPress(KeyCode.A)).as("auto-repeat").isFalse();
        assertThat(keys.firstPress(KeyCode.A)).isFalse();
        assertThat(keys.firstPress(KeyCode.D)).as("another key").isTrue();
        keys.released(KeyCode.A);
        assertThat(keys.firstPress(KeyCode.A)).isTrue();
    }

    @Test
    void losingTheFocus_forgetsHeldKeys_soTheNextPressCounts() {
        keys.firstPress(KeyCode.A);
        keys.forget();
        assertThat(keys.firstPress(KeyCode.A)).isTrue();
    }
}
