package dev.opsdeck.desktop.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pacing rule alone, pulses given by hand: no toolkit. */
class CadenceTest {

    private static final long MS = 1_000_000L;
    private final List<String> published = new ArrayList<>();
    private int wakes;
    private final Cadence cadence = new Cadence(150 * MS, () -> wakes++);
    private final Runnable tickets = cadence.lane(() -> published.add("tickets"));
    private final Runnable logs = cadence.lane(() -> published.add("logs"));
    private final Runnable cards = cadence.lane(() -> published.add("cards"));

    @Test
    void aLoneChange_isPublishedOnTheNextPulse() {
        logs.run();

        assertThat(wakes).isEqualTo(1);
        assertThat(cadence.pulse(1_000 * MS)).isFalse();
        assertThat(published).containsExactly("logs");
    }

    @Test
    void lanesWithChanges_takeOnePulseEach_neverTwoInOne() {
        tickets.run();
        logs.run();
        cards.run();

        assertThat(cadence.pulse(1_000 * MS)).isTrue();
        assertThat(published).hasSize(1);
        assertThat(cadence.pulse(1_016 * MS)).isTrue();
        assertThat(cadence.pulse(1_032 * MS)).isFalse();
        assertThat(published).containsExactlyInAnyOrder("tickets", "logs", "cards");
    }

    @Test
    void aLaneChangingEveryPulse_publishesAtMostOncePerInterval_andItsLastChangeIsNotLost() {
        List<Long> at = new ArrayList<>();
        Cadence c = new Cadence(150 * MS, () -> { });
        long[] now = {0};
        Runnable busy = c.lane(() -> at.add(now[0]));
        for (now[0] = 0; now[0] <= 1_000 * MS; now[0] += 16 * MS) {
            busy.run();
            c.pulse(now[0]);
        }
        // The changes stop; the pulses go on until the last one is shown.
        while (c.pulse(now[0])) {
            now[0] += 16 * MS;
        }

        assertThat(at).hasSizeBetween(6, 8);
        for (int i = 1; i < at.size(); i++) {
            assertThat(at.get(i) - at.get(i - 1)).isGreaterThanOrEqualTo(150 * MS);
        }
        assertThat(at.get(at.size() - 1)).isGreaterThanOrEqualTo(1_000 * MS);
    }

    @Test
    void theLaneThatWaitedLongest_goesFirst() {
        tickets.run();
        cadence.pulse(1_000 * MS);
        tickets.run();
        logs.run();

        cadence.pulse(1_200 * MS);

        assertThat(published).containsExactly("tickets", "logs");
    }

    @Test
    void immediatePacing_publishesAtOnce() {
        List<String> seen = new ArrayList<>();
        Pacer.immediate().lane(() -> seen.add("now")).run();

        assertThat(seen).containsExactly("now");
    }
}
