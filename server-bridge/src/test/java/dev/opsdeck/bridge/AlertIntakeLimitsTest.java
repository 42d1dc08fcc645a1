package dev.opsdeck.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.engine.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An alert obeys an inject's limits, posted for real to the hooks port: its system and issue as long as an inject's
 * may be, labels bounded, a key given twice refused as on /ws, and a system name that could pass for another host
 * (mixed scripts, an invisible character, letters of one other script that all read as Latin) refused with one
 * reason, never made a ticket under that name.
 */
class AlertIntakeLimitsTest {

    @TempDir
    Path dir;

    /** One firing alert with these labels (JSON object text, written as sent: a key may come twice). */
    static String delivery(String labels) {
        return """
            {"version":"4","status":"firing","receiver":"opsdeck","groupKey":"g","groupLabels":{},"commonLabels":{},
             "commonAnnotations":{},"externalURL":"http://am","truncatedAlerts":0,"alerts":[{"status":"firing",
             "labels":%s,"annotations":{"summary":"5xx rate high"},"startsAt":"2026-11-29T20:00:00Z",
             "endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prom/graph","fingerprint":"fp%s"}]}"""
                .formatted(labels, Integer.toHexString(labels.hashCode()));
    }

    static String labels(String instance, String alertname) {
        return Json.write(Map.of("alertname", alertname, "instance", instance, "severity", "critical"));
    }

    HttpResponse<String> post(TestBridge t, String body) throws Exception {
        return t.postHook("/hooks/alertmanager", body, Map.of());
    }

    @Test
    void aSystemAndAnIssueAsLongAsAnInjectsMayBe_openATicket_andLongerOnesAreRefusedNamingTheField() throws Exception {
        try (TestBridge t = TestBridge.start(dir)) {
            String longest = "h".repeat(128);
            HttpResponse<String> ok = post(t, delivery(labels(longest + ":9100", "A".repeat(100))));
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(202);
            String id = Json.MAPPER.readTree(ok.body()).path("tickets").get(0).asText();
            assertThat(t.engine.ticket(id)).hasValueSatisfying(ticket -> assertThat(ticket.system()).isEqualTo(longest));

            HttpResponse<String> system = post(t, delivery(labels("h".repeat(250) + ":9100", "HighErrorRate")));
            assertThat(system.statusCode()).isEqualTo(400);
            assertThat(problem(system)).isEqualTo("alerts[0].labels.instance: the system name is 250 characters "
                    + "long; at most 128 are accepted, as for an inject");

            HttpResponse<String> issue = post(t, delivery(labels("web-edge-01:9100", "E".repeat(150))));
            assertThat(issue.statusCode()).isEqualTo(400);
            assertThat(problem(issue)).isEqualTo("alerts[0].labels.alertname: 150 characters long; at most 100 are "
                    + "accepted (it is the ticket's issue, as an inject's)");

            HttpResponse<String> label = post(t, delivery(Json.write(Map.of("alertname", "HighErrorRate",
                    "instance", "web-edge-01", "team", "t".repeat(1001)))));
            assertThat(label.statusCode()).isEqualTo(400);
            assertThat(problem(label)).isEqualTo("alerts[0].labels.team: 1001 characters long; at most 1000 are accepted");
            assertThat(t.engine.tickets()).hasSize(1);
        }
    }

    @Test
    void aLabelGivenTwice_isRefusedAsOnTheSocket() throws Exception {
        try (TestBridge t = TestBridge.start(dir)) {
            HttpResponse<String> r = post(t, delivery(
                    "{\"alertname\":\"HighErrorRate\",\"instance\":\"web-edge-01\",\"instance\":\"db-01\"}"));

            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(problem(r)).isEqualTo("alerts[0].labels.instance is given twice: give each key once");
            assertThat(t.engine.tickets()).isEmpty();
        }
    }

    @Test
    void aSystemNameThatMixesScripts_isRefusedWithOneReason_andNoTicketCarriesIt() throws Exception {
        try (TestBridge t = TestBridge.start(dir)) {
            HttpResponse<String> r = post(t, delivery(labels("web-\u0435dge-01:9100", "HighErrorRate")));

            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(problem(r)).isEqualTo("alerts[0].labels.instance: the system name mixes scripts (Latin and "
                    + "Cyrillic: '\u0435' U+0435 at 5) and could pass for another host; refused");
            assertThat(t.engine.tickets()).isEmpty();
        }
    }

    @Test
    void aSystemNameWhoseLettersAreAllCyrillicOrGreekLookalikesOfLatin_isRefusedNamingTheFirst() throws Exception {
        try (TestBridge t = TestBridge.start(dir)) {
            // р а у, Cyrillic: "pay-01" to the eye.
            HttpResponse<String> cyrillic = post(t, delivery(labels("\u0440\u0430\u0443-01:9100", "HighErrorRate")));
            // ѡ е ь, Cyrillic: "web-01" to the eye, named by the host label this time.
            HttpResponse<String> host = post(t, delivery(Json.write(Map.of("alertname", "HighErrorRate",
                    "host", "\u0461\u0435\u044C-01"))));
            // Α Ρ Ι, Greek capitals: "API-01" to the eye.
            HttpResponse<String> greek = post(t, delivery(labels("\u0391\u03A1\u0399-01:9100", "HighErrorRate")));

            assertThat(cyrillic.statusCode()).isEqualTo(400);
            assertThat(problem(cyrillic)).isEqualTo("alerts[0].labels.instance: the system name reads as the Latin "
                    + "'pay-01' though every letter is Cyrillic ('\u0440' U+0440 at 1 first) and could pass for "
                    + "another host; refused");
            assertThat(host.statusCode()).isEqualTo(400);
            assertThat(problem(host)).startsWith("alerts[0].labels.host: the system name reads as the Latin 'web-01' "
                    + "though every letter is Cyrillic ('\u0461' U+0461 at 1 first)");
            assertThat(greek.statusCode()).isEqualTo(400);
            assertThat(problem(greek)).contains("reads as the Latin 'API-01' though every letter is Greek");
            assertThat(t.engine.tickets()).isEmpty();
        }
    }

    @Test
    void aSystemNameWithAnInvisibleCharacter_isRefused_whicheverLabelNamesIt() throws Exception {
        try (TestBridge t = TestBridge.start(dir)) {
            HttpResponse<String> zwsp = post(t, delivery(labels("web-edge\u200B-01:9100", "HighErrorRate")));
            HttpResponse<String> host = post(t, delivery(Json.write(Map.of("alertname", "HighErrorRate",
                    "host", "web-edge-01\u00A0"))));

            assertThat(zwsp.statusCode()).isEqualTo(400);
            assertThat(problem(zwsp)).isEqualTo("alerts[0].labels.instance: the system name holds an invisible "
                    + "character (U+200B at 9) and would show as another name; refused");
            // A trailing no-break space is not trimmed away as a plain space would be: it is refused too.
            assertThat(host.statusCode()).isEqualTo(400);
            assertThat(problem(host)).startsWith("alerts[0].labels.host: the system name holds an invisible character (U+00A0");
            assertThat(t.engine.tickets()).isEmpty();
        }
    }

    @Test
    void aSystemNameInOneScript_orAnIpv6Address_stillOpensItsTicket() throws Exception {
        try (TestBridge t = TestBridge.start(dir)) {
            HttpResponse<String> cyrillic = post(t, delivery(labels("\u0441\u0435\u0440\u0432\u0435\u0440-01:9100",
                    "HighErrorRate")));
            HttpResponse<String> ipv6 = post(t, delivery(labels("[::1]:9100", "DiskFull")));

            assertThat(cyrillic.statusCode()).as(cyrillic.body()).isEqualTo(202);
            assertThat(ipv6.statusCode()).as(ipv6.body()).isEqualTo(202);
            assertThat(t.engine.tickets()).extracting(tk -> tk.system())
                    .containsExactlyInAnyOrder("\u0441\u0435\u0440\u0432\u0435\u0440-01", "::1");
        }
    }

    private static String problem(HttpResponse<String> r) throws Exception {
        JsonNode n = Json.MAPPER.readTree(r.body());
        return n.path("error").asText(n.path("detail").asText());
    }
}
