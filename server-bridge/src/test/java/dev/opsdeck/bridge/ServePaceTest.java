package dev.opsdeck.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.bridge.bench.ServerProcess;
import dev.opsdeck.bridge.cli.ServeCommand;
import dev.opsdeck.bridge.client.Frame;
import dev.opsdeck.bridge.client.WireClient;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code serve --pace}: the agents of a served incident think as long as the console's do, so that the React app's
 * Live Investigation has something to show; {@code --pace 0} (what every test and benchmark passes) turns it off.
 */
class ServePaceTest {

    @TempDir
    Path dir;

    @Test
    void serveSaysItsDefaultPace_theConsoles600ms() {
        String help = new CommandLine(new ServeCommand()).getUsageMessage(CommandLine.Help.Ansi.OFF);

        assertThat(help).contains("--pace=MS").contains("default: 600)");
    }

    @Test
    void aServedIncidentsAgentsTakeTheirThinkTime_eachTurnAtLeastHalfThePace() throws Exception {
        long paceMs = 400;
        try (ServerProcess server = ServerProcess.start(List.of("--data-dir", dir.toString(), "--debounce", "0",
                "--pace", String.valueOf(paceMs)), Map.of());
                Recorder c = new Recorder(WireClient.connect(URI.create(server.url() + "?replay=0"), Map.of(),
                        TestBridge.WAIT))) {
            c.untilType("snapshot");
            c.send(Map.of("type", "inject", "incident", "web_5xx"));
            Frame opened = c.until(f -> f.type().equals("channel_opened") && f.text("stage").equals("diagnosis"),
                    "the diagnosis channel");
            String channel = opened.text("channel_id");
            Frame closed = c.until(f -> f.type().equals("channel_closed") && f.text("channel_id").equals(channel),
                    "the diagnosis channel's end");

            List<Frame> turns = c.frames.stream().filter(f -> f.type().equals("envelope")
                    && f.text("channel_id").equals(channel) && f.text("event_type").equals("ag2.packet")).toList();
            System.out.println("figure: diagnosis at --pace " + paceMs + ": " + turns.size() + " agent turns in "
                    + Math.round((closed.ts() - opened.ts()) * 1000) + " ms");
            // The first turn (Intake) waits for nothing else, so its think time is all that separates it from the
            // channel's opening; the rules alone answer in well under a millisecond.
            assertThat(turns).isNotEmpty();
            assertThat(turns.get(0).ts() - opened.ts()).isGreaterThanOrEqualTo(paceMs / 2 / 1000.0);
            // Intake, Triage, the band, RCA and Remediation follow one another: at least four paced turns in a row.
            assertThat(closed.ts() - opened.ts()).isGreaterThanOrEqualTo(4 * paceMs / 2 / 1000.0);
        }
    }
}
