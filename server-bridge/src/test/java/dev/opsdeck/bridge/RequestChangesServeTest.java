package dev.opsdeck.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.bridge.bench.ServerProcess;
import dev.opsdeck.bridge.client.Frame;
import dev.opsdeck.bridge.client.WireClient;
import dev.opsdeck.bridge.people.UsersFile;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request changes and override as people do them: a real {@code serve} process, bob sending the proposal back over
 * /ws with feedback that names a host, alice overriding over the REST API (every answer checked against the OpenAPI
 * document), and the bundled world's runbook proposing, round after round, each with its own sign-off.
 */
class RequestChangesServeTest {

    private static final Pattern API = Pattern.compile("API: (http://[^ ]+)/api/v1");

    @TempDir
    Path dir;

    @Test
    void feedbackExcludingAHost_yieldsANewProposalWithoutIt_andANewSignOff_thenAnOverrideShowsItsOwn() throws Exception {
        Path users = dir.resolve("users.yaml");
        String alice = UsersFile.add(users, "alice");
        String bob = UsersFile.add(users, "bob");
        try (ServerProcess server = ServerProcess.start(List.of("--data-dir", dir.resolve("data").toString(),
                "--users", users.toString(), "--signoff-deadline", "10m"), Map.of());
                Recorder a = connect(server, alice);
                Recorder b = connect(server, bob)) {
            ApiClient api = new ApiClient(apiBase(server), alice);
            a.untilType("snapshot");
            b.untilType("snapshot");
            a.send(Map.of("type", "inject", "incident", "web_5xx"));
            String id = a.untilType("ticket_created").text("id");
            Frame first = a.untilType("hitl_requested");
            assertThat(actionIds(first)).containsExactly("sim_raise_proxy_timeout", "sim_restart_orders_svc");

            // Refused, naming the request: no text left once cleaned; an action that does not fit.
            b.send(Map.of("type", "request_changes", "ticket_id", id, "feedback", "\u001B[31m\u0007",
                    "request_id", "c-1"));
            assertThat(refusal(b, "c-1")).contains("feedback needs some text");
            b.send(Map.of("type", "override", "ticket_id", id, "action", "rm_rf", "request_id", "c-2"));
            assertThat(refusal(b, "c-2")).contains("'rm_rf' is no runbook action that fits");

            b.send(Map.of("type", "request_changes", "ticket_id", id,
                    "feedback", "not api-gateway-02: it is in maintenance", "request_id", "c-3"));
            Frame sentBack = a.until(f -> f.type().equals("hitl_resolved")
                    && f.text("channel_id").equals(first.text("channel_id")), "the first round's answer");
            assertThat(sentBack.text("outcome")).isEqualTo("changes_requested");
            assertThat(sentBack.text("by")).isEqualTo("bob");
            assertThat(sentBack.text("request_id")).as("the reply names the request it answers").isEqualTo("c-3");
            // The original React app reads REJECT in the decision: the proposal it showed is not approved.
            assertThat(sentBack.text("decision")).contains("REJECTED").contains("not api-gateway-02");
            assertThat(a.until(f -> f.type().equals("channel_closed")
                    && f.text("channel_id").equals(first.text("channel_id")), "the first round closed")
                    .text("reason")).isEqualTo("changes_requested");

            Frame second = a.untilType("hitl_requested");
            assertThat(second.text("channel_id")).isEqualTo(id + ".remediation-r2");
            assertThat(actionIds(second)).containsExactly("sim_raise_proxy_timeout");
            assertThat(second.text("digest")).isNotEqualTo(first.text("digest"));
            Frame proposal = a.frames.stream().filter(f -> f.type().equals("envelope")
                    && f.text("channel_id").equals(second.text("channel_id")) && "propose_actions".equals(
                    f.payload().path("tool").asText())).findFirst().orElseThrow();
            assertThat(proposal.text("body"))
                    .contains("excluded at bob's request: sim_restart_orders_svc (it acts on api-gateway-02)");

            // Over the API: what fits and which channel waits; an override to the excluded action, shown anew.
            JsonNode waiting = ApiClient.json(api.get("/api/v1/tickets/" + id, alice));
            assertThat(waiting.get("signoff_channel").asText()).isEqualTo(id + ".remediation-r2");
            assertThat(waiting.get("fitting_actions").findValuesAsText("id"))
                    .containsExactly("sim_raise_proxy_timeout", "sim_restart_orders_svc");
            assertThat(api.post("/api/v1/tickets/" + id + "/changes", alice, "{\"feedback\":\"\\u0007\"}")
                    .statusCode()).isEqualTo(400);
            assertThat(api.post("/api/v1/tickets/" + id + "/override", alice, "{\"action\":\"nope\"}")
                    .statusCode()).isEqualTo(400);
            HttpResponse<String> overridden = api.send("POST", "/api/v1/tickets/" + id + "/override", alice,
                    "{\"action\":\"sim_restart_orders_svc\",\"note\":\"maintenance is over\"}",
                    Map.of("Idempotency-Key", "o-1"));
            assertThat(overridden.statusCode()).isEqualTo(200);
            assertThat(ApiClient.json(overridden).get("outcome").asText()).isEqualTo("overridden");
            Frame third = a.untilType("hitl_requested");
            assertThat(third.text("channel_id")).isEqualTo(id + ".remediation-r3");
            assertThat(actionIds(third)).containsExactly("sim_restart_orders_svc");
            assertThat(third.payload().get("actions").get(0).path("dry_run").path("output").asText())
                    .contains("rolling restart would take");

            HttpResponse<String> approved = api.post("/api/v1/tickets/" + id + "/signoff", alice,
                    "{\"verdict\":\"approve\",\"digest\":\"" + third.text("digest") + "\"}");
            assertThat(approved.statusCode()).isEqualTo(200);
            Frame done = a.untilTerminal(id);
            assertThat(done.text("status")).isEqualTo("Resolved");
            List<String> history = new ArrayList<>();
            done.payload().get("history").forEach(h -> history.add(h.asText()));
            assertThat(history).contains("changes requested by bob: not api-gateway-02: it is in maintenance",
                    "overridden by alice: sim_restart_orders_svc instead of the proposal (maintenance is over)");
            HttpResponse<String> late = api.post("/api/v1/tickets/" + id + "/changes", bob, "{\"feedback\":\"x\"}");
            assertThat(late.statusCode()).isEqualTo(409);
        }
    }

    private static Recorder connect(ServerProcess server, String token) throws Exception {
        return new Recorder(WireClient.connect(URI.create(server.url() + "?replay=0&token=" + token), Map.of(),
                TestBridge.WAIT));
    }

    private static String apiBase(ServerProcess server) {
        return server.output().stream().map(API::matcher).filter(Matcher::find).map(m -> m.group(1)).findFirst()
                .orElseThrow(() -> new AssertionError("no API address in " + server.output()));
    }

    private static String refusal(Recorder r, String requestId) throws InterruptedException {
        return r.until(f -> f.type().equals("error") && requestId.equals(f.payload().path("request_id").asText()),
                "the refusal of " + requestId).text("detail");
    }

    private static List<String> actionIds(Frame asked) {
        return asked.payload().get("actions").findValuesAsText("id");
    }
}
