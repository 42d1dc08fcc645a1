package dev.opsdeck.engine.reasoning.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opsdeck.engine.reasoning.ReasoningException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    final RetryPolicy policy = new RetryPolicy(ChatSettings.defaults("k", "m").withAttempts(5)
            .withBackoff(Duration.ofMillis(100), Duration.ofMillis(1000)));

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
        assertThat(ChatModelException.retryable(429)).isTrue();
        assertThat(ChatModelException.retryable(500)).isTrue();
        assertThat(ChatModelException.retryable(503)).isTrue();
        assertThat(ChatModelException.retryable(400)).isFalse();
        assertThat(ChatModelException.retryable(403)).isFalse();
    }

    @Test
    void aRefusal_isFinalAtOnce_andAFailureIsTriedUpToTheAttempts() {
        RetryPolicy quick = new RetryPolicy(ChatSettings.defaults(null, "m").withAttempts(3)
                .withBackoff(Duration.ofMillis(1), Duration.ofMillis(2)));
        AtomicInteger tries = new AtomicInteger();
        assertThatThrownBy(() -> quick.call("t", () -> {
            tries.incrementAndGet();
            throw ChatModelException.status(401, "401 Unauthorized", Optional.empty(), null);
        })).isInstanceOf(ReasoningException.class).hasMessage("model call refused: 401 Unauthorized");
        assertThat(tries).hasValue(1);

        tries.set(0);
        assertThatThrownBy(() -> quick.call("t", () -> {
            tries.incrementAndGet();
            throw ChatModelException.status(500, "500 Internal Server Error", Optional.empty(), null);
        })).hasMessage("model call failed after 3 attempt(s): 500 Internal Server Error");
        assertThat(tries).hasValue(3);

        tries.set(0);
        assertThat(quick.<String>call("t", () -> {
            if (tries.incrementAndGet() < 3) {
                throw new ChatModelException(ChatModelException.Kind.IO, "reset", Optional.empty(), null);
            }
            return "answer";
        })).isEqualTo("answer");
    }
}
