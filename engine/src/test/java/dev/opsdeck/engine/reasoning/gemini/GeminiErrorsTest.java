package dev.opsdeck.engine.reasoning.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GeminiErrorsTest {

    @Test
    void aDelayTheServerStates_isRead_fromTheMessageOrRetryInfo() {
        assertThat(GeminiChat.stated("Quota exceeded. Please retry in 12.5s.")).contains(Duration.ofMillis(12500));
        assertThat(GeminiChat.stated("{\"retryDelay\": \"3s\"}")).contains(Duration.ofSeconds(3));
        assertThat(GeminiChat.stated("Internal error")).isEmpty();
    }
}
