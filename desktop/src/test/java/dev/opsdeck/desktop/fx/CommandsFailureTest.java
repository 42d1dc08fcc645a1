package dev.opsdeck.desktop.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** What a failed command says to the operator: the cause's own words, never a Java class name in front of them. */
class CommandsFailureTest {

    @Test
    void aWrappedIoFailure_saysTheCausesWords_withoutItsClassName() {
        assertThat(Commands.failure("Answering the sign-off of INC-007",
                new UncheckedIOException(new IOException("Output closed"))))
                .isEqualTo("Answering the sign-off of INC-007 failed: Output closed");
    }

    @Test
    void aMessageOfItsOwn_isKept() {
        assertThat(Commands.failure("Injecting web_5xx", new IllegalStateException("not connected to h:1 (closed)")))
                .isEqualTo("Injecting web_5xx failed: not connected to h:1 (closed)");
    }
}
