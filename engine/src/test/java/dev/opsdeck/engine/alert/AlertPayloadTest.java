package dev.opsdeck.engine.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsdeck.engine.alert.AlertPayload.Source;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertPayloadTest {

    /** One alert of Alertmanager's version 4 payload, as its documentation shows it. */
    static String alertmanager(String alertsJson) {
        return """
            {"version":"4","groupKey":"{}:{alertname=\\"NodeFilesystemReadOnly\\"}","truncatedAlerts":0,
             "status":"firing","receiver":"opsdeck","groupLabels":{"alertname":"NodeFilesystemReadOnly"},
             "commonLabels":{"alertname":"NodeFilesystemReadOnly"},"commonAnnotations":{},
             "externalURL":"http://am:9093","alerts":%s}""".formatted(alertsJson);
    }

    static String alert(String status, String labels, String fingerprint) {
        return """
            {"status":"%s","labels":%s,"annotations":{"summary":"Filesystem /data is read-only",
             "description":"writes fail with EROFS"},"startsAt":"2026-11-29T20:00:00Z","endsAt":"0001-01-01T00:00:00Z",
             "generatorURL":"http://prom:9090/graph?g0.expr=x","fingerprint":"%s"}""".formatted(status, labels, fingerprint);
    }

    @Test
    void aFiringAlert_mapsToSystemIssueSevAndDescription() {
        List<AlertNotice> notices = AlertPayload.parse(alertmanager("[" + alert("firing",
                "{\"alertname\":\"NodeFilesystemReadOnly\",\"instance\":\"my-web-01:9100\",\"severity\":\"critical\","
                        + "\"job\":\"node\"}", "fp1") + "]"), Source.ALERTMANAGER);
        assertEquals(1, notices.size());
        AlertNotice n = notices.get(0);
        assertTrue(n.firing());
        assertEquals("my-web-01", n.system());
        assertEquals("NodeFilesystemReadOnly", n.issue());
        assertEquals("sev1", n.sev());
        assertEquals("Filesystem /data is read-only — writes fail with EROFS", n.description());
        assertEquals("fp1", n.alert().fingerprint());
        assertEquals("http://prom:9090/graph?g0.expr=x", n.alert().generatorUrl());
        assertEquals("2026-11-29T20:00:00Z", n.alert().startsAt());
        assertEquals("alertmanager", n.alert().source());
    }

    @Test
    void aLongAnnotation_isCutSayingSo_andAnAlertWhoseTextIsStillTooLong_isRefusedNamingIt() {
        String runbook = "r".repeat(900_000);
        String big = alert("firing", "{\"alertname\":\"A\",\"instance\":\"h1\"}", "fp1")
                .replace("writes fail with EROFS", runbook);
        AlertNotice n = AlertPayload.parse(alertmanager("[" + big + "]"), Source.ALERTMANAGER).get(0);
        String kept = n.alert().annotations().get("description");
        assertEquals("r".repeat(AlertPayload.MAX_ANNOTATION_CHARS) + " … (cut by OpsDeck: 900000 characters)", kept);
        assertTrue(n.description().length() < 5000, "the ticket's description is bounded too");

        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 5; i++) {
            many.append(i == 0 ? "" : ",").append("\"note").append(i).append("\":\"").append("x".repeat(4000)).append('"');
        }
        String tooMuch = alert("firing", "{\"alertname\":\"A\",\"instance\":\"h1\"}", "fp2")
                .replaceFirst("\\{\"summary\"[^}]*}", many.append('}').toString());
        BadPayload e = assertThrows(BadPayload.class, () -> AlertPayload.parse(
                alertmanager("[" + alert("firing", "{\"alertname\":\"A\"}", "fp0") + "," + tooMuch + "]"),
                Source.ALERTMANAGER));
        assertTrue(e.getMessage().startsWith("alerts[1]: 2"), e.getMessage());
        assertTrue(e.getMessage().contains("over the limit of 16000"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"instance\":\"db-1:9100\",\"host\":\"h\"}|db-1",
        "{\"instance\":\"[::1]:9100\"}|::1",
        "{\"instance\":\"10.0.0.5:9100\"}|10.0.0.5",
        "{\"instance\":\"https://shop.example/health\"}|shop.example",
        "{\"instance\":\"plain-host\"}|plain-host",
        "{\"host\":\"h1\",\"service\":\"s\",\"job\":\"j\"}|h1",
        "{\"service\":\"checkout\",\"job\":\"j\"}|checkout",
        "{\"job\":\"node\"}|node"})
    void theSystem_comesFromInstanceWithoutPort_elseHostServiceJob(String labels, String system) {
        Map<String, String> l = dev.opsdeck.engine.Json.read(labels, Map.class);
        assertEquals(system, AlertMapping.system(l));
    }

    @ParameterizedTest
    @CsvSource({"critical,sev1", "page,sev1", "CRITICAL,sev1", "warning,sev2", "error,sev2", "sev2,sev2",
        "sev3,sev3", "info,sev3", "none,sev3", "'',sev3"})
    void theSeverityLabel_mapsToSev(String severity, String sev) {
        assertEquals(sev, AlertMapping.sev(severity));
    }

    @Test
    void anAlertNameWithSpaces_becomesAnIssueKey() {
        assertEquals("High_CPU_on_web", AlertMapping.issue("High CPU on web"));
        assertEquals("job_up", AlertMapping.issue("job:up"));
    }

    @Test
    void anAlertWithNoSystemLabel_parsesWithAnEmptySystem() {
        AlertNotice n = AlertPayload.parse(alertmanager("[" + alert("firing", "{\"alertname\":\"Watchdog\"}", "w")
                + "]"), Source.ALERTMANAGER).get(0);
        assertEquals("", n.system());
    }

    @Test
    void commonLabels_fillWhatAnAlertLeavesOut_andTheAlertsOwnWin() {
        String body = """
            {"status":"firing","commonLabels":{"alertname":"X","severity":"warning","job":"node"},
             "alerts":[{"status":"firing","labels":{"instance":"a:1","severity":"critical"},"fingerprint":"f"}]}""";
        AlertNotice n = AlertPayload.parse(body, Source.ALERTMANAGER).get(0);
        assertEquals("X", n.issue());
        assertEquals("sev1", n.sev());
        assertEquals("a", n.system());
    }

    @Test
    void grafanasPayload_keepsItsValuesAndLinks() {
        String body = """
            {"receiver":"opsdeck","status":"firing","orgId":1,"title":"[FIRING:1] Disk","state":"alerting",
             "message":"m","version":"1","alerts":[{"status":"firing","labels":{"alertname":"Disk full",
             "instance":"db-2:9100","severity":"warning"},"annotations":{"summary":"98% used"},
             "startsAt":"2026-11-29T20:00:00Z","values":{"B":98.2,"C":1},"dashboardURL":"http://g/d/1",
             "panelURL":"http://g/d/1?viewPanel=2","silenceURL":"http://g/s","fingerprint":"g1"}]}""";
        AlertNotice n = AlertPayload.parse(body, Source.GRAFANA).get(0);
        assertEquals("db-2", n.system());
        assertEquals("Disk_full", n.issue());
        assertEquals("sev2", n.sev());
        assertEquals(98.2, ((Number) n.alert().values().get("B")).doubleValue());
        assertEquals("http://g/d/1", n.alert().links().get("dashboardURL"));
        assertEquals("grafana", n.alert().source());
    }

    @Test
    void aResolvedAlert_carriesItsEnd() {
        String body = alertmanager("[" + alert("resolved", "{\"alertname\":\"A\",\"instance\":\"h:1\"}", "f")
                .replace("0001-01-01T00:00:00Z", "2026-11-29T21:00:00Z") + "]");
        AlertNotice n = AlertPayload.parse(body, Source.ALERTMANAGER).get(0);
        assertFalse(n.firing());
        assertEquals("2026-11-29T21:00:00Z", n.endsAt());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "not json at all|not JSON: ",
        "[1,2]|not a webhook payload: expected a JSON object with \"alerts\"",
        "{\"status\":\"firing\"}|alerts: required, a list of alerts",
        "{\"status\":\"firing\",\"alerts\":{}}|alerts: required, a list of alerts",
        "{\"alerts\":[]}|status: required",
        "{\"version\":\"3\",\"status\":\"firing\",\"alerts\":[]}|version \"3\" is not understood: Alertmanager sends \"4\"",
        "{\"status\":\"firing\",\"alerts\":[7]}|alerts[0]: must be an object",
        "{\"status\":\"firing\",\"alerts\":[{\"labels\":{\"alertname\":\"A\"},\"fingerprint\":\"f\"}]}|alerts[0].status: required",
        "{\"status\":\"firing\",\"alerts\":[{\"status\":\"pending\",\"labels\":{\"alertname\":\"A\"},\"fingerprint\":\"f\"}]}|alerts[0].status: must be \"firing\" or \"resolved\", got \"pending\"",
        "{\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\",\"fingerprint\":\"f\"}]}|alerts[0].labels: required",
        "{\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"instance\":\"h\"},\"fingerprint\":\"f\"}]}|alerts[0].labels.alertname: required",
        "{\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":3},\"fingerprint\":\"f\"}]}|alerts[0].labels.alertname: must be a string",
        "{\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\",\"labels\":[],\"fingerprint\":\"f\"}]}|alerts[0].labels: must be an object of strings",
        "{\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\"}}]}|alerts[0].fingerprint: required",
        "{\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\"},\"fingerprint\":\"\"}]}|alerts[0].fingerprint: must be a non-empty string",
        "{\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\"},\"fingerprint\":\"f\",\"startsAt\":5}]}|alerts[0].startsAt: must be a string",
        "{\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\"},\"fingerprint\":\"f\",\"annotations\":{\"summary\":null}}]}|alerts[0].annotations.summary: must be a string"})
    void aBadPayload_isRefusedWithOneLineNamingTheField(String body, String reason) {
        BadPayload e = assertThrows(BadPayload.class, () -> AlertPayload.parse(body, Source.ALERTMANAGER));
        assertTrue(e.getMessage().startsWith(reason), () -> "got: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void notJson_saysWhereInPlainWords() {
        BadPayload e = assertThrows(BadPayload.class,
                () -> AlertPayload.parse("{\"status\":\"firing\"", Source.ALERTMANAGER));
        assertEquals("not JSON: Unexpected end-of-input: expected close marker for Object (start marker at line 1, "
                + "column 1) (line 1, column 19)", e.getMessage());
    }

    @Test
    void aLaterBadAlert_refusesTheWholeDelivery() {
        String body = alertmanager("[" + alert("firing", "{\"alertname\":\"A\",\"instance\":\"h:1\"}", "f1") + ","
                + alert("firing", "{\"instance\":\"h:1\"}", "") + "]");
        BadPayload e = assertThrows(BadPayload.class, () -> AlertPayload.parse(body, Source.ALERTMANAGER));
        assertEquals("alerts[1].fingerprint: must be a non-empty string", e.getMessage());
    }
}
