package dev.opsdeck.engine.reasoning.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    static java.util.Optional<Duration> of(Map<String, String> headers) {
        return RetryAfter.of(name -> headers.containsKey(name) ? List.of(headers.get(name)) : List.of());
    }

    @Test
    void milliseconds_win_thenSeconds_thenAnHttpDate_andAnythingElseIsNoRequest() {
        assertThat(of(Map.of("retry-after-ms", "250", "retry-after", "9"))).contains(Duration.ofMillis(250));
        assertThat(of(Map.of("retry-after", "2"))).contains(Duration.ofSeconds(2));
        assertThat(of(Map.of("retry-after", "0.5"))).contains(Duration.ofMillis(500));
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
        assertThat(of(Map.of("retry-after", inAMinute))).hasValueSatisfying(d ->
                assertThat(d).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(61)));
        assertThat(of(Map.of("retry-after", "soon"))).isEmpty();
        assertThat(of(Map.of())).isEmpty();
    }
}
