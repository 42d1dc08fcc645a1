package dev.opsdeck.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opsdeck.engine.Engine;
import dev.opsdeck.engine.InjectResult;
import dev.opsdeck.engine.Injection;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --debounce 0} turns the debounce off (the bench and scripted load need repeats at once). */
class DebounceOptionTest {

    @TempDir
    Path dir;

    @Test
    void debounceZero_meansOff_soARepeatInjectRunsAtOnce() {
        CommonOptions options = new CommonOptions();
        new CommandLine(options).parseArgs("--data-dir", dir.toString(), "--debounce", "0", "--max-flows", "10");
        assertThat(options.config().debounce()).isEqualTo(Duration.ZERO);
        try (Engine engine = Engine.start(options.config())) {
            InjectResult first = engine.inject(Injection.of("web_5xx"));
            InjectResult second = engine.inject(Injection.of("web_5xx"));
            assertThat(first.accepted()).isTrue();
            assertThat(second.accepted()).as(second.toString()).isTrue();
        }
    }

    @Test
    void aNegativeDebounce_isRefusedWithTheReason() {
        assertThatThrownBy(() -> new CommandLine(new CommonOptions()).parseArgs("--debounce", "-1s"))
                .hasMessageContaining("must not be negative");
    }

    @Test
    void otherDurations_stillMustBeLongerThanZero() {
        assertThatThrownBy(() -> new CommandLine(new CommonOptions()).parseArgs("--signoff-deadline", "0"))
                .hasMessageContaining("longer than zero");
    }
}
