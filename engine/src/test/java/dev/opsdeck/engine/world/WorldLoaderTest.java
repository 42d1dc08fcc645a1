package dev.opsdeck.engine.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorldLoaderTest {

    @TempDir
    Path dir;

    @Test
    void theBundledWorld_holdsTheOriginalIncidents_andTheMockupsOnes_eachWithItsOwnProbes() {
        World w = WorldLoader.bundled();
        assertThat(w.incidents()).extracting(Incident::key).startsWith("web_5xx", "storage_io_error")
                .contains("web_upstream_timeout", "net_unreachable", "storage_disk_offline", "storage_high_latency");
        assertThat(w.systems()).extracting(World.SystemInfo::id)
                .containsExactly("web-edge-01", "storage-node-04", "api-gateway-02", "db-primary-01");
        for (Incident i : w.incidents()) {
            assertThat(i.probes()).as(i.key() + " has its own probe data").isNotEmpty();
        }
        Incident net = w.incident("net_unreachable").orElseThrow();
        assertThat(w.probe(net, "ping_host", "web-edge-01").abnormal()).isTrue();
        assertThat(w.probe(w.defaultIncident(), "ping_host", "web-edge-01").result())
                .isEqualTo("web-edge-01: 4/4 packets received, avg 0.8ms, no loss.");
    }

    @Test
    void aMissingFile_invalidJson_andAnEmptyCatalogue_failWithOneClearLine() throws Exception {
        assertThatThrownBy(() -> WorldLoader.load(dir.resolve("nope.json")))
                .isInstanceOf(WorldException.class).hasMessage("world file not found: " + dir.resolve("nope.json"));
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"systems\": [");
        assertThatThrownBy(() -> WorldLoader.load(broken)).isInstanceOf(WorldException.class)
                .hasMessageStartingWith("world file " + broken + " is not a valid world at line")
                .hasMessageNotContaining("Source");
        Path empty = Files.writeString(dir.resolve("empty.json"),
                "{\"systems\": [{\"id\": \"a\", \"kind\": \"web\", \"status\": \"ok\"}], \"incidents\": []}");
        assertThatThrownBy(() -> WorldLoader.load(empty)).hasMessage(empty + " lists no incidents");
    }

    @Test
    void aReplacementWorld_isUsedAsGiven() throws Exception {
        Path file = Files.writeString(dir.resolve("mine.json"), "{\"systems\": [{\"id\": \"db-9\", \"kind\": \"db · mysql\","
                + " \"status\": \"healthy\"}], \"incidents\": [{\"key\": \"db_down\", \"system\": \"db-9\", \"issue\": \"db_down\","
                + " \"sev\": \"sev1\", \"title\": \"DB down\", \"kickoff\": \"{id} sev1: db_down on db-9.\"}]}");
        World w = WorldLoader.load(file);
        assertThat(w.defaultIncident().kickoffFor("INC-042")).isEqualTo("INC-042 sev1: db_down on db-9.");
        assertThat(w.domainOf("db-9")).isEqualTo("db");
    }
}
