package dev.opsdeck.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.engine.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /healthz} on a real full disk (a 3 MiB tmpfs, filled while a flow waits for its sign-off): 503 with
 * {@code ok:false} and the reason, so a supervisor that reads only the status notices; 200 again once there is room.
 */
class HealthWhenDiskFullTest {

    @TempDir
    Path dir;
    private Path mount;

    private static int run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    @BeforeEach
    void mountSmallDisk() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "mounting a 3 MiB tmpfs needs root (CI runs as root)");
        mount = Files.createDirectories(dir.resolve("small"));
        assertThat(run("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", mount.toString()))
                .as("mount a tmpfs at " + mount).isZero();
    }

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            run("umount", "-l", mount.toString());
        }
    }

    @Test
    void aFullDisk_is503WithTheReason_and200OnceThereIsRoom() throws Exception {
        try (TestBridge t = TestBridge.start(mount.resolve("data"))) {
            Recorder c = t.connect("?replay=0");
            c.untilType("snapshot");
            assertThat(t.get("/healthz").statusCode()).isEqualTo(200);
            c.send(Map.of("type", "inject", "incident", "web_5xx"));
            String channel = c.untilType("hitl_requested").text("channel_id");
            Path filler = fill();

            assertThat(t.engine.answer(channel, "approve", "test").accepted()).isFalse(); // the write that finds no room
            HttpResponse<String> full = t.get("/healthz");
            assertThat(full.statusCode()).isEqualTo(503);
            JsonNode body = Json.MAPPER.readTree(full.body());
            assertThat(body.path("ok").asBoolean(true)).isFalse();
            assertThat(body.path("problem").asText()).contains("no room");
            assertThat(body.path("clients").asInt()).isEqualTo(1);
            assertThat(body.path("tickets").asInt()).isEqualTo(1);

            Files.delete(filler);
            c.until(f -> f.type().equals("log") && f.raw().contains("has room again"), "the room-again log line");
            HttpResponse<String> again = t.get("/healthz");
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(Json.MAPPER.readTree(again.body()).path("ok").asBoolean()).isTrue();
        }
    }

    /** Writes zeros until the disk refuses; returns the file to delete to give the room back. */
    private Path fill() throws IOException {
        Path filler = mount.resolve("filler");
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            return filler;
        }
    }
}
