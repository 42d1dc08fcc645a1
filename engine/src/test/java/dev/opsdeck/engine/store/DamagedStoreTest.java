package dev.opsdeck.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opsdeck.engine.Engine;
import dev.opsdeck.engine.EngineConfig;
import dev.opsdeck.engine.InjectResult;
import dev.opsdeck.engine.Injection;
import dev.opsdeck.engine.testing.EngineFixture;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged store is refused with one line and a way forward; never started afresh, never reusing ids. */
class DamagedStoreTest {

    @TempDir
    Path dir;

    /** Three resolved tickets (INC-007..009) in {@code dir}, the engine closed (its WAL checkpointed). */
    private void threeTickets() {
        try (EngineFixture f = new EngineFixture(dir, c -> c).answering("approve")) {
            for (String key : new String[] {"web_5xx", "storage_io_error", "net_unreachable"}) {
                String id = f.inject(key);
                f.recorder.awaitTerminal(id, EngineFixture.WAIT);
            }
        }
    }

    private void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("opsdeck.db"));
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private StoreException refusal() {
        try {
            Engine.start(EngineConfig.defaults(dir)).close();
        } catch (StoreException e) {
            return e;
        }
        throw new AssertionError("the damaged store was accepted");
    }

    @Test
    void aZeroByteFile_isRefused_notStartedAsANewStore() throws Exception {
        Files.createDirectories(dir);
        Files.write(dir.resolve("opsdeck.db"), new byte[0]);
        assertThat(refusal().getMessage()).contains("empty (0 bytes)").contains("opsdeck recover --data-dir")
                .contains("another --data-dir");
    }

    @Test
    void aFileWithDamagedPages_failsItsCheck_andIsRefused() throws Exception {
        threeTickets();
        Path file = dir.resolve("opsdeck.db");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            // Page 2 onwards: the tables' b-trees; the header (page 1) stays, so SQLite still opens the file.
            for (long at = 4096; at < Math.min(raf.length(), 4096 * 4); at += 7) {
                raf.seek(at);
                raf.write(0x5A);
            }
        }
        assertThat(refusal().getMessage()).containsAnyOf("is damaged", "not an OpsDeck data file", "unreadable");
    }

    @Test
    void aDroppedTable_isRefused_byName() throws Exception {
        threeTickets();
        sql("DROP TABLE envelope");
        assertThat(refusal().getMessage()).contains("lost its envelope table");
    }

    @Test
    void aBadTicketRow_isRefused_andRecoverSalvagesTheRest_withoutReusingItsNumber() throws Exception {
        threeTickets();
        sql("UPDATE ticket SET json = '{not json' WHERE id = 'INC-009'");
        assertThat(refusal().getMessage()).contains("INC-009").contains("opsdeck recover");

        Path into = dir.resolveSibling(dir.getFileName() + "-recovered");
        Salvage.Report report = Salvage.run(dir, into);
        assertThat(report.tickets()).isEqualTo(2);
        assertThat(report.lost()).containsExactly("ticket INC-009");
        assertThat(report.envelopes()).isPositive();
        try (Engine engine = Engine.start(EngineConfig.defaults(into))) {
            assertThat(engine.tickets()).extracting(t -> t.id()).containsExactly("INC-007", "INC-008");
            assertThat(engine.journal("INC-007.diagnosis")).isNotEmpty();
            InjectResult next = engine.inject(Injection.of("web_5xx"));
            assertThat(next.ticketId()).as("INC-009 was issued once; never again").isEqualTo("INC-010");
        }
    }
}
