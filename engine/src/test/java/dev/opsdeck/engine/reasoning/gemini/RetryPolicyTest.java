package dev.opsdeck.engine.reasoning.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    final RetryPolicy policy = new RetryPolicy(GeminiSettings.defaults("k").withAttempts(5)
            .withBackoff(Duration.ofMillis(100), Duration.ofMillis(1000)));

    @Test
    void aDelayTheServerStates_isRead_fromTheMessageOrRetryInfo() {
        assertThat(RetryPolicy.stated("Quota exceeded. Please retry in 12.5s.")).contains(Duration.ofMillis(12500));
        assertThat(RetryPolicy.stated("{\"retryDelay\": \"3s\"}")).contains(Duration.ofSeconds(3));
        assertThat(RetryPolicy.stated("Internal error")).isEmpty();
    }

    @Test
    void aStatedDelay_isHonoured_upToTheCap() {
        assertThat(policy.delay(1, Optional.of(Duration.ofMillis(700)))).isEqualTo(Duration.ofMillis(700));
        assertThat(policy.delay(1, Optional.of(Duration.ofSeconds(60)))).isEqualTo(Duration.ofMillis(1000));
    }

    @RepeatedTest(20)
    void theBackOff_doublesPerAttempt_withJitterInItsUpperHalf() {
        assertThat(policy.delay(1, Optional.empty()).toMillis()).isBetween(50L, 100L);
        assertThat(policy.delay(2, Optional.empty()).toMillis()).isBetween(100L, 200L);
        assertThat(policy.delay(3, Optional.empty()).toMillis()).isBetween(200L, 400L);
        assertThat(policy.delay(9, Optional.empty()).toMillis()).isBetween(500L, 1000L);
    }

    @Test
    void only429And5xx_areRetried() {
        assertThat(RetryPolicy.retryable(429)).isTrue();
        assertThat(RetryPolicy.retryable(500)).isTrue();
        assertThat(RetryPolicy.retryable(503)).isTrue();
        assertThat(RetryPolicy.retryable(400)).isFalse();
        assertThat(RetryPolicy.retryable(403)).isFalse();
    }
}
