package dev.opsdeck.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.flow.Answer;
import dev.opsdeck.engine.testing.EngineFixture;
import dev.opsdeck.engine.testing.SmallDisk;
import dev.opsdeck.engine.ticket.Status;
import dev.opsdeck.engine.workflow.Envelope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real full disk: the data dir on a 3 MiB tmpfs, filled up while a flow waits for its sign-off. The flow is held,
 * not lost; the engine says why; once space returns it goes on from its journal without a restart.
 */
class DiskFullTest {

    @TempDir
    Path dir;
    private SmallDisk disk;


    @BeforeEach
    void mountSmallDisk() throws Exception {
        disk = SmallDisk.under(dir);
    }

    @AfterEach
    void unmount() throws Exception {
        if (disk != null) {
            disk.close();
        }
    }


    @Test
    void aFullDisk_holdsTheFlowAndSaysWhy_andTheFlowGoesOnOnceThereIsRoom() throws Exception {
        try (EngineFixture f = new EngineFixture(disk.path().resolve("data"), c -> c)) {
            String id = f.inject("web_5xx");
            f.recorder.await(es -> es.stream().anyMatch(EngineEvent.SignOffRequested.class::isInstance),
                    EngineFixture.WAIT);
            String channel = id + ".remediation";
            f.recorder.await(es -> es.stream().filter(e -> e instanceof EngineEvent.EnvelopePosted p
                    && "submit_fix".equals(p.envelope().tool())).count() >= 3, EngineFixture.WAIT);
            Path filler = disk.fill();

            Answer answer = f.engine.answer(channel, "approve", "test");
            assertThat(answer.accepted()).as("an answer that could not be recorded is not taken").isFalse();
            assertThat(answer.reason()).contains("takes no writes");
            assertThat(f.engine.problem()).hasValueSatisfying(p -> assertThat(p).contains("takes no writes").contains("full"));
            f.recorder.await(es -> es.stream().anyMatch(e -> e instanceof EngineEvent.ErrorReported r
                    && r.where().equals("store") && r.detail().startsWith(id + " is held")), EngineFixture.WAIT);
            assertThat(f.engine.ticket(id).orElseThrow().status()).isEqualTo(Status.REMEDIATING);
            assertThat(f.engine.inject(dev.opsdeck.engine.Injection.of("storage_io_error")).accepted())
                    .as("nothing new starts while the disk is full").isFalse();

            Files.delete(filler);
            f.recorder.await(es -> es.stream().filter(EngineEvent.SignOffRequested.class::isInstance).count() == 2,
                    EngineFixture.WAIT);
            assertThat(f.engine.problem()).isEmpty();
            assertThat(f.engine.answer(channel, "approve", "test").accepted()).isTrue();
            f.recorder.awaitTerminal(id, EngineFixture.WAIT);

            assertThat(f.engine.ticket(id).orElseThrow().status()).isEqualTo(Status.RESOLVED);
            List<Envelope> journal = f.engine.journal(channel);
            Set<String> posted = new HashSet<>();
            for (Envelope e : journal) {
                // The runner posts once per action: an action's id is what may not repeat.
                String action = "run_action".equals(e.tool()) ? "|" + e.toolArgs().get("id") : "";
                assertThat(posted.add(e.sender() + "|" + e.tool() + action)).as("%s posted twice", e.sender()).isTrue();
            }
        }
    }
}
