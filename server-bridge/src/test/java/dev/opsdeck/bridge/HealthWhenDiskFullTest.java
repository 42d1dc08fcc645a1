package dev.opsdeck.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.engine.Json;
import dev.opsdeck.engine.testing.SmallDisk;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
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
    void aFullDisk_is503WithTheReason_and200OnceThereIsRoom() throws Exception {
        try (TestBridge t = TestBridge.start(disk.path().resolve("data"))) {
            Recorder c = t.connect("?replay=0");
            c.untilType("snapshot");
            assertThat(t.get("/healthz").statusCode()).isEqualTo(200);
            c.send(Map.of("type", "inject", "incident", "web_5xx"));
            String channel = c.untilType("hitl_requested").text("channel_id");
            Path filler = disk.fill();

            assertThat(t.engine.answer(channel, "approve", "test").accepted()).isFalse(); // the write that finds no room
            HttpResponse<String> full = t.get("/healthz");
            assertThat(full.statusCode()).isEqualTo(503);
            JsonNode body = Json.MAPPER.readTree(full.body());
            assertThat(body.path("ok").asBoolean(true)).isFalse();
            assertThat(body.path("problem").asText()).contains("takes no writes").contains("full");
            assertThat(body.path("clients").asInt()).isEqualTo(1);
            assertThat(body.path("tickets").asInt()).isEqualTo(1);

            Files.delete(filler);
            c.until(f -> f.type().equals("log") && f.raw().contains("takes writes again"), "the room-again log line");
            HttpResponse<String> again = t.get("/healthz");
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(Json.MAPPER.readTree(again.body()).path("ok").asBoolean()).isTrue();
        }
    }

}
