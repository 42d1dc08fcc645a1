package dev.opsdeck.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.bridge.client.Frame;
import dev.opsdeck.bridge.people.UsersFile;
import dev.opsdeck.engine.Json;
import dev.opsdeck.engine.testing.PostgresServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Presence across a team (two {@code serve} processes on one real PostgreSQL): alice's console on A and bob's browser
 * on B each see both of them, on /ws and in {@code GET /api/v1/presence}; bob leaves and is gone everywhere; a server
 * killed with its people connected drops out once its beats stop.
 */
class TeamPresenceTest {

    private static final Pattern API = Pattern.compile("API: (http://[^ ]+)/api/v1");

    @TempDir
    Path dir;

    @Test
    void aliceOnA_andBobOnB_seeBoth_andWhoLeavesIsGone() throws Exception {
        String db = PostgresServer.shared().newDatabase();
        Path users = dir.resolve("users.yaml");
        String alice = UsersFile.add(users, "alice");
        String bob = UsersFile.add(users, "bob");
        String carol = UsersFile.add(users, "carol");
        try (TeamServer a = TeamServer.start(db, dir.resolve("a"), Map.of(), "--users", users.toString());
                TeamServer b = TeamServer.start(db, dir.resolve("b"), Map.of(), "--users", users.toString())) {
            Recorder onA = a.connect("?replay=0&token=" + alice, Map.of("OpsDeck-Client", "console"));
            Recorder onB = b.connect("?replay=0&presence=1&token=" + bob); // a browser that asks for the presence

            Frame seenOnA = onA.until(f -> names(f).containsAll(List.of("alice", "bob")), "presence of alice and bob");
            Frame seenOnB = onB.until(f -> names(f).containsAll(List.of("alice", "bob")), "presence of alice and bob");
            for (Frame f : List.of(seenOnA, seenOnB)) {
                assertThat(person(f.payload(), "alice").get("via").asText()).isEqualTo("console");
                assertThat(person(f.payload(), "bob").get("via").asText()).isEqualTo("web");
                assertThat(person(f.payload(), "alice").get("server").asText())
                        .isNotEqualTo(person(f.payload(), "bob").get("server").asText());
            }
            JsonNode listed = presence(a, alice);
            assertThat(names(listed)).contains("alice", "bob");
            assertThat(person(listed, "bob").get("since").asDouble()).isPositive();

            onB.close();
            onA.until(f -> f.type().equals("presence") && !names(f).contains("bob"), "presence without bob");
            assertThat(names(presence(a, alice))).containsExactly("alice");

            // A server that dies says nothing: its people drop out when its beats stop (the store's lease).
            Recorder carolOnB = b.connect("?replay=0&token=" + carol);
            onA.until(f -> names(f).contains("carol"), "presence of carol");
            carolOnB.close();
            Recorder carolAgain = b.connect("?replay=0&token=" + carol);
            onA.until(f -> names(f).contains("carol"), "presence of carol again");
            long killed = System.nanoTime();
            b.kill();
            onA.until(f -> f.type().equals("presence") && !names(f).contains("carol"), "presence without carol",
                    Duration.ofSeconds(30));
            System.out.printf("figure: a killed server's people dropped out after %.1f s%n",
                    (System.nanoTime() - killed) / 1e9);
            carolAgain.close();
        }
    }

    private static List<String> names(Frame f) {
        return f.type().equals("presence") ? names(f.payload()) : List.of();
    }

    private static List<String> names(JsonNode withPeople) {
        List<String> out = new ArrayList<>();
        withPeople.get("people").forEach(p -> out.add(p.get("name").asText()));
        return out;
    }

    private static JsonNode person(JsonNode withPeople, String name) {
        for (JsonNode p : withPeople.get("people")) {
            if (p.get("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no " + name + " in " + withPeople);
    }

    private static JsonNode presence(TeamServer server, String token) throws Exception {
        String base = server.output().stream().map(API::matcher).filter(Matcher::find).map(m -> m.group(1))
                .findFirst().orElseThrow(() -> new AssertionError("no API address in " + server.output()));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base
                + "/api/v1/presence")).header("Authorization", "Bearer " + token).timeout(TestBridge.WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }
}
