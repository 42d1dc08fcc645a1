package dev.opsdeck.desktop.tickets;

import dev.opsdeck.engine.ticket.Alert;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Envelope;
import java.util.List;

/**
 * The incident report: one self-contained HTML page from a ticket and its journal, for the WebView and for export.
 * Plain HTML with inline CSS, so the exported file reads the same anywhere.
 */
public final class IncidentReport {

    private IncidentReport() {
    }

    public static String html(Ticket t, List<Envelope> journal) {
        StringBuilder b = new StringBuilder(4096);
        b.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").append(esc(t.id()))
                .append(" incident report</title><style>").append(CSS).append("</style></head><body>");
        b.append("<h1><span class=\"id\">").append(esc(t.id())).append("</span> ").append(esc(t.issue()))
                .append(" on ").append(esc(t.system())).append("</h1>");
        b.append("<p class=\"meta\"><span class=\"sev ").append(esc(t.sev())).append("\">")
                .append(esc(t.sev().toUpperCase(java.util.Locale.ROOT))).append("</span> <b>")
                .append(esc(t.status().label())).append("</b> · opened ").append(Evidence.time(t.createdAt()));
        if (t.parent() != null) {
            b.append(" · duplicate of <b>").append(esc(t.parent())).append("</b>");
        }
        b.append("</p>");
        if (t.alert() != null) {
            alert(b, t.alert());
        }
        section(b, "Root cause", t.rca().isBlank() ? "<i>not established</i>"
                : esc(t.rca()) + (t.confidence().isBlank() ? "" : " <span class=\"conf\">confidence: "
                        + esc(t.confidence()) + "</span>"));
        if (!t.recommendations().isEmpty()) {
            b.append("<h2>Recommendations</h2><ol>");
            t.recommendations().forEach(r -> b.append("<li>").append(esc(r)).append("</li>"));
            b.append("</ol>");
        }
        if (!t.actions().isEmpty()) {
            b.append("<h2>Actions</h2><ul>");
            ActionLines.outcomes(t.actions()).forEach(l -> b.append("<li><pre>").append(esc(l)).append("</pre></li>"));
            b.append("</ul>");
        }
        section(b, "Resolution", t.resolution().isBlank() ? "<i>none yet</i>" : esc(t.resolution()));
        people(b, t);
        b.append("<h2>History</h2><ul>");
        t.history().forEach(h -> b.append("<li>").append(esc(h)).append("</li>"));
        b.append("</ul><h2>Timeline</h2><table><tr><th>time</th><th>agent</th><th>tool</th><th>said</th></tr>");
        for (Envelope e : journal) {
            b.append("<tr><td class=\"t\">").append(Evidence.time(e.ts())).append("</td><td>").append(esc(e.sender()))
                    .append("</td><td class=\"tool\">")
                    .append(e.isPacket() ? esc(e.tool() + "(" + Evidence.args(e.toolArgs()) + ")") : "text")
                    .append("</td><td>").append(esc(Evidence.oneLine(e.line()))).append("</td></tr>");
        }
        b.append("</table></body></html>");
        return b.toString();
    }

    /** Who took the ticket and what people said on it: plain text, escaped, line breaks kept. */
    private static void people(StringBuilder b, Ticket t) {
        if (t.acked() == null && t.comments().isEmpty()) {
            return;
        }
        b.append("<h2>People</h2>");
        if (t.acked() != null) {
            b.append("<p>Acknowledged by <b>").append(esc(t.acked().by())).append("</b> at ")
                    .append(Evidence.time(t.acked().at())).append("</p>");
        }
        if (!t.comments().isEmpty()) {
            b.append("<ul>");
            t.comments().forEach(c -> b.append("<li>").append(Evidence.time(c.at())).append(" <b>").append(esc(c.by()))
                    .append("</b>: <span style=\"white-space:pre-wrap\">").append(esc(c.text())).append("</span></li>"));
            b.append("</ul>");
        }
    }

    /** The monitoring alert that opened the ticket: what fired, its labels and annotations, where it came from. */
    private static void alert(StringBuilder b, Alert a) {
        b.append("<h2>Alert</h2><p><b>").append(esc(a.name())).append("</b> from ").append(esc(a.source()));
        if (!a.startsAt().isEmpty()) {
            b.append(", firing since ").append(esc(a.startsAt()));
        }
        if (!a.generatorUrl().isEmpty()) {
            b.append(" · <a href=\"").append(esc(a.generatorUrl())).append("\">source</a>");
        }
        b.append("</p><table>");
        a.labels().forEach((k, v) -> b.append("<tr><td class=\"tool\">").append(esc(k)).append("</td><td>")
                .append(esc(v)).append("</td></tr>"));
        a.annotations().forEach((k, v) -> b.append("<tr><td class=\"tool\">").append(esc(k)).append("</td><td>")
                .append(esc(v)).append("</td></tr>"));
        a.values().forEach((k, v) -> b.append("<tr><td class=\"tool\">value ").append(esc(k)).append("</td><td>")
                .append(esc(String.valueOf(v))).append("</td></tr>"));
        b.append("<tr><td class=\"tool\">fingerprint</td><td>").append(esc(a.fingerprint())).append("</td></tr>");
        b.append("</table>");
    }

    private static void section(StringBuilder b, String title, String bodyHtml) {
        b.append("<h2>").append(title).append("</h2><p>").append(bodyHtml).append("</p>");
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final String CSS = "body{font-family:Inter,'DejaVu Sans',sans-serif;background:#0d1117;"
            + "color:#f0f4f8;margin:24px;font-size:13px}h1{font-size:20px;margin:0 0 6px}"
            + "h2{font-size:12px;text-transform:uppercase;letter-spacing:.08em;color:#8b949e;margin:18px 0 6px}"
            + ".id{color:#f3ff9b;font-family:'JetBrains Mono','DejaVu Sans Mono',monospace}"
            + ".meta{color:#8b949e}.sev{padding:1px 6px;border-radius:4px;font-weight:bold}"
            + ".sev1{background:#f8514933;color:#f85149}.sev2{background:#d2992233;color:#d29922}"
            + ".sev3{background:#4b9cd633;color:#4b9cd6}.conf{color:#3fb950}"
            + "table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #4b9cd626;padding:4px 6px;"
            + "text-align:left;vertical-align:top}th{color:#8b949e;font-weight:normal}"
            + ".t,.tool{font-family:'JetBrains Mono','DejaVu Sans Mono',monospace;white-space:nowrap;color:#9bddff}"
            // The console's light theme sets this class on the body, so the report reads like the rest of the window.
            + "body.light{background:#ffffff;color:#1f2328}body.light .id{color:#7d4e00}body.light h2,"
            + "body.light .meta,body.light th{color:#57606a}body.light .t,body.light .tool{color:#0550ae}"
            + "body.light .conf{color:#1a7f37}"
            + "@media print{body{background:#fff;color:#000}}";
}
