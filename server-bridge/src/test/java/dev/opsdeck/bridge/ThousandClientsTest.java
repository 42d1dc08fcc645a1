package dev.opsdeck.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A thousand clients at once: each gets its snapshot, then the same live events, in order; no thread per client. */
class ThousandClientsTest {

    static final int CLIENTS = 1000;

    @TempDir
    Path dir;

    @Test
    void aThousandConnectedClients_eachGetTheirSnapshotAndEveryLiveEvent() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<RawClient> clients = new ArrayList<>();
        try (TestBridge t = TestBridge.start(dir)) {
            int threadsBefore = Thread.activeCount();
            List<Future<RawClient>> joining = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                joining.add(pool.submit(() -> {
                    RawClient c = new RawClient(t.bridge.port(), "/ws?replay=0");
                    assertThat(c.readTextsUntil(f -> true).get(0)).startsWith("{\"type\":\"snapshot\"");
                    return c;
                }));
            }
            for (Future<RawClient> f : joining) {
                clients.add(f.get());
            }
            assertThat(t.bridge.clients()).isEqualTo(CLIENTS);
            assertThat(Thread.activeCount() - threadsBefore).as("threads the clients added").isLessThan(50);

            for (int i = 0; i < 3; i++) {
                t.engine.publish(new EngineEvent.LogLine("web-edge-01", "to all " + i, Level.INFO));
            }
            for (RawClient c : clients) {
                List<String> got = c.readTextsUntil(f -> f.contains("to all 2"));
                assertThat(got).hasSize(3);
                assertThat(got.get(0)).contains("to all 0");
                assertThat(got.get(1)).contains("to all 1");
            }
        } finally {
            for (RawClient c : clients) {
                c.close();
            }
            pool.shutdownNow();
        }
    }
}
