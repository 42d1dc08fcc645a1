package dev.opsdeck.desktop.port;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeenTest {

    @Test
    void afterARejoin_theReplayPassesOnlyWhatCameAfterTheLastEventPassedOn_evenWithinOneMillisecond() {
        Seen seen = new Seen();
        assertThat(seen.isNew(1.000)).isTrue();
        assertThat(seen.isNew(1.001)).isTrue();
        assertThat(seen.isNew(1.001)).isTrue();

        seen.rejoining();

        assertThat(seen.isNew(0.999)).as("older than anything passed on").isFalse();
        assertThat(seen.isNew(1.000)).isFalse();
        assertThat(seen.isNew(1.001)).as("the first of the two at 1.001").isFalse();
        assertThat(seen.isNew(1.001)).as("the second").isFalse();
        assertThat(seen.isNew(1.001)).as("a third of that millisecond was never passed on").isTrue();
        assertThat(seen.isNew(1.002)).isTrue();
    }

    @Test
    void aRestartedServersStream_isAllNew() {
        Seen seen = new Seen();
        seen.isNew(5.0);
        seen.rejoining();
        assertThat(seen.isNew(9.0)).isTrue();
        assertThat(seen.isNew(9.0)).as("live events of one millisecond, once caught up").isTrue();
    }
}
