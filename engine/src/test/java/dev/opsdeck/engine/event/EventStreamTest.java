package dev.opsdeck.engine.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.testing.Recorder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventStreamTest {

    private final EventStream stream = new EventStream(Clock.systemUTC(), 5);

    @Test
    void aSubscriberThatNeverReturns_stallsNeitherThePublisherNorTheOthers() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        stream.subscribe("stuck", batch -> {
            entered.countDown();
            try {
                stuck.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Recorder fast = new Recorder();
        stream.subscribe("fast", fast);
        stream.publish(new EngineEvent.SimState(true));
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 10_000; i++) {
            stream.publish(new EngineEvent.LogLine("web-edge-01", "line " + i, Level.INFO));
        }
        List<EngineEvent> seen = fast.await(es -> es.size() == 10_001, Duration.ofSeconds(10));
        assertThat(seen.get(10_000)).isEqualTo(new EngineEvent.LogLine("web-edge-01", "line 9999", Level.INFO));
        stuck.countDown();
        stream.closeAll();
    }

    @Test
    void aLateSubscriber_getsTheRetainedHistoryThenLiveEvents_withNoGapAndNoDuplicate() {
        for (int i = 0; i < 8; i++) {
            stream.publish(new EngineEvent.LogLine("s", "old " + i, Level.INFO));
        }
        Recorder late = new Recorder();
        String[] snapshotAt = new String[1];
        stream.subscribe("late", true, () -> snapshotAt[0] = "taken", late);
        stream.publish(new EngineEvent.LogLine("s", "new", Level.INFO));
        late.await(es -> es.size() == 6, Duration.ofSeconds(5));
        assertThat(late.all()).extracting(Published::seq).containsExactly(4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(snapshotAt[0]).isEqualTo("taken");
        stream.closeAll();
    }

    @Test
    void aTap_hasTheLiveEventsInOrderOnItsOwnersThread_andNothingAfterItIsClosedOrTheStreamStops()
            throws Exception {
        stream.publish(new EngineEvent.LogLine("s", "before the tap", Level.INFO));
        EventStream.Tap tap = stream.tap("writer");
        assertThat(tap.poll()).isNull();
        Thread publisher = new Thread(() -> {
            for (int i = 0; i < 1_000; i++) {
                stream.publish(new EngineEvent.LogLine("s", "line " + i, Level.INFO));
            }
        });
        publisher.start();
        List<Published> taken = new java.util.ArrayList<>();
        while (taken.size() < 1_000) {
            Published p = tap.poll(TimeUnit.SECONDS.toNanos(10));
            assertThat(p).as("event %d within 10 s", taken.size()).isNotNull();
            taken.add(p);
            tap.drainTo(taken);
        }
        publisher.join();
        assertThat(taken).extracting(Published::seq)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(2, 1_001).boxed().toList());
        assertThat(((EngineEvent.LogLine) taken.get(999).event()).message()).isEqualTo("line 999");

        // The stream stopping puts nothing into a tap (a feed thread's poison is no event for its owner).
        stream.closeAll();
        assertThat(tap.poll()).isNull();

        EventStream.Tap other = stream.tap("other");
        other.close();
        stream.publish(new EngineEvent.LogLine("s", "after close", Level.INFO));
        assertThat(other.poll()).isNull();
        assertThat(tap.poll()).isNull();
    }

    @Test
    void aReset_clearsTheRetainedHistory() {
        stream.publish(new EngineEvent.LogLine("s", "before", Level.INFO));
        stream.publish(new EngineEvent.Reset());
        stream.publish(new EngineEvent.SimState(true));
        assertThat(stream.retained()).extracting(p -> p.event().type()).containsExactly("reset", "sim_state");
    }
}
