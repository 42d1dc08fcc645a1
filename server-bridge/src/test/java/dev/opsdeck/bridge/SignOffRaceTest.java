package dev.opsdeck.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.bridge.client.Frame;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fifty clients answer one sign-off at once: one answer wins, everyone sees the same single hitl_resolved. */
class SignOffRaceTest {

    static final int CLIENTS = 50;

    @TempDir
    Path dir;

    @Test
    void fiftyClientsRacingHitlResponse_yieldExactlyOneIdenticalHitlResolved() throws Exception {
        try (TestBridge t = TestBridge.start(dir)) {
            List<Recorder> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                Recorder r = t.connect("?replay=0");
                r.untilType("snapshot");
                clients.add(r);
            }
            clients.get(0).send(Map.of("type", "inject", "incident", "web_5xx"));
            String channel = null;
            for (Recorder r : clients) {
                channel = r.untilType("hitl_requested").text("channel_id");
            }
            String ticket = clients.get(0).ofType("ticket_created").get(0).text("id");

            Racers.answerAtOnce(clients, channel);

            Set<String> resolvedFrames = new HashSet<>();
            int errors = 0;
            String winner = null;
            for (int i = 0; i < CLIENTS; i++) {
                Recorder r = clients.get(i);
                r.untilTerminal(ticket);
                List<Frame> resolved = r.ofType("hitl_resolved");
                assertThat(resolved).as("client %d's hitl_resolved", i).hasSize(1);
                resolvedFrames.add(resolved.get(0).raw());
                winner = resolved.get(0).text("decision");
                boolean won = winner.equals(Racers.decision(i));
                if (!won) {
                    // The refusal may come before or after the ticket ends: the two are on different paths.
                    Frame refused = r.ofType("error").isEmpty() ? r.untilType("error") : r.ofType("error").get(0);
                    assertThat(refused.text("where")).isEqualTo("client");
                    assertThat(refused.text("detail")).contains("no pending sign-off");
                    errors++;
                }
                assertThat(r.ofType("error")).as("errors of client %d", i).hasSize(won ? 0 : 1);
            }
            assertThat(resolvedFrames).as("every client saw the same hitl_resolved").hasSize(1);
            assertThat(winner).startsWith("APPROVED by racer ");
            assertThat(errors).isEqualTo(CLIENTS - 1);
        }
    }
}
