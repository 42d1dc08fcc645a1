package dev.opsdeck.engine.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A comment as kept: plain text, no terminal escapes or control characters, bounded. */
class RemarksTest {

    @Test
    void terminalEscapesAndControlCharacters_areStripped_markupAndLineBreaksStay() {
        assertThat(Remarks.clean("\u001B[1;31mred\u001B[0m \u001B]0;title\u0007ok\r\nnext\tline\u0000\u202Eevil"))
                .isEqualTo("red ok\nnext lineevil");
        assertThat(Remarks.clean("<img src=x onerror=alert(1)> & \"quotes\"")).isEqualTo("<img src=x onerror=alert(1)> & \"quotes\"");
    }

    @Test
    void emptyOrTooLong_isRefusedSayingWhy() {
        assertThatThrownBy(() -> Remarks.clean(" \u001B[2J ")).hasMessageContaining("needs some text");
        assertThatThrownBy(() -> Remarks.clean("x".repeat(Remarks.MAX + 1))).hasMessageContaining("at most " + Remarks.MAX);
        assertThatThrownBy(() -> Remarks.clean("a\n".repeat(Remarks.MAX_LINES + 1))).hasMessageContaining("lines");
        assertThat(Remarks.clean("x".repeat(Remarks.MAX))).hasSize(Remarks.MAX);
    }
}
