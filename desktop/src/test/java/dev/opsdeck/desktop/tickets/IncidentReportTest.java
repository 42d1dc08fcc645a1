package dev.opsdeck.desktop.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.ticket.Alert;
import dev.opsdeck.engine.ticket.Ticket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncidentReportTest {

    @Test
    void aTicketAnAlertOpened_showsTheAlert_escaped() {
        Ticket t = Ticket.open("INC-042", "my-web-01", "NodeFilesystemReadOnly", "sev1", 0)
                .withAlert(new Alert("alertmanager", "fp42", Map.of("alertname", "NodeFilesystemReadOnly",
                        "mountpoint", "/data"), Map.of("summary", "/data is <read-only>"),
                        "http://prom:9090/graph?g0.expr=x", "2026-11-29T20:00:00Z", Map.of(), Map.of()));

        String html = IncidentReport.html(t, List.of());

        assertThat(html).contains("<h2>Alert</h2><p><b>NodeFilesystemReadOnly</b> from alertmanager, firing since "
                + "2026-11-29T20:00:00Z").contains("href=\"http://prom:9090/graph?g0.expr=x\"")
                .contains("<td class=\"tool\">mountpoint</td><td>/data</td>")
                .contains("/data is &lt;read-only&gt;").contains("fp42");
    }

    @Test
    void aTicketWithoutAnAlert_hasNoAlertSection() {
        assertThat(IncidentReport.html(Ticket.open("INC-007", "web-edge-01", "web_5xx", "sev2", 0), List.of()))
                .doesNotContain("<h2>Alert</h2>");
    }

    @Test
    void acksAndComments_areShownAsText_markupAndScriptsEscaped() {
        Ticket t = Ticket.open("INC-007", "web-edge-01", "web_5xx", "sev2", 0).withAck("alice", 60)
                .withComment(new Ticket.Comment(90, "bob", "<script>alert(1)</script>\n<b>second</b> line"));

        String html = IncidentReport.html(t, List.of());

        assertThat(html).contains("<h2>People</h2>").contains("Acknowledged by <b>alice</b>")
                .contains("<b>bob</b>: <span style=\"white-space:pre-wrap\">&lt;script&gt;alert(1)&lt;/script&gt;\n"
                        + "&lt;b&gt;second&lt;/b&gt; line</span>")
                .doesNotContain("<script>");
    }
}
