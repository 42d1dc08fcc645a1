package dev.opsdeck.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.bridge.client.Frame;
import dev.opsdeck.engine.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On connect: one snapshot, then the replay of the retained log (unless ?replay=0), then live, with no gap. */
class ConnectSequenceTest {

    @TempDir
    Path dir;

    @Test
    void aLateClient_getsSnapshotThenTheWholeHistoryThenLiveEvents_andReplayZeroSkipsTheHistory() throws Exception {
        try (TestBridge t = TestBridge.start(dir)) {
            Recorder first = t.connect("?replay=0");
            first.untilType("snapshot");
            first.send(Map.of("type", "inject", "incident", "web_5xx"));
            first.answer(first.untilType("hitl_requested").text("channel_id"), Wire.APPROVE);
            String id = first.ofType("ticket_created").get(0).text("id");
            first.untilTerminal(id);
            List<Frame> history = List.copyOf(first.frames.subList(1, first.frames.size()));

            Recorder late = t.connect("");
            Recorder live = t.connect("?replay=0");
            Frame lateSnapshot = late.untilType("snapshot");
            Frame liveSnapshot = live.untilType("snapshot");
            assertThat(late.frames).hasSize(1); // the snapshot came first
            assertThat(live.frames).hasSize(1);
            JsonNode expectedTickets = Json.MAPPER.readTree(t.get("/snapshot").body()).path("tickets");
            assertThat(lateSnapshot.payload().path("tickets")).isEqualTo(expectedTickets);
            assertThat(liveSnapshot.payload().path("tickets")).isEqualTo(expectedTickets);
            assertThat(expectedTickets.get(0).path("id").asText()).isEqualTo(id);

            first.send(Map.of("type", "inject", "incident", "storage_io_error"));
            String second = first.until(f -> f.type().equals("ticket_created") && !f.text("id").equals(id),
                    "second ticket").text("id");
            first.answer(first.untilType("hitl_requested").text("channel_id"), Wire.APPROVE);
            first.untilTerminal(second);
            late.untilTerminal(second);
            live.untilTerminal(second);

            List<String> everything = raw(first.frames.subList(1, first.frames.size()));
            assertThat(raw(late.frames.subList(1, late.frames.size())))
                    .as("replay then live: no gap, no duplicate").containsExactlyElementsOf(everything);
            assertThat(raw(live.frames.subList(1, live.frames.size())))
                    .as("live only").containsExactlyElementsOf(everything.subList(history.size(), everything.size()));
            assertThat(live.frames.get(1).type()).isEqualTo("log");
            assertThat(first.presence).as("no presence to a client that did not ask for it").isEmpty();
        }
    }

    private static List<String> raw(List<Frame> frames) {
        return frames.stream().map(Frame::raw).toList();
    }
}
