package dev.opsdeck.desktop.tickets;

import dev.opsdeck.engine.ticket.ActionRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * A runbook action in words a person checks before approving and reads afterwards: the exact line that runs, its
 * risk, its dry run, and what became of it. The panel, the detail, the Markdown and the report all say it this way.
 */
public final class ActionLines {

    private ActionLines() {
    }

    /** What the operator approves: each action as it would run, with its dry run's result. */
    public static List<String> toApprove(List<ActionRecord> actions) {
        List<String> out = new ArrayList<>();
        for (ActionRecord a : actions) {
            String line = a.id() + " [" + a.risk() + (a.needsSignOff() ? "" : ", runs without a sign-off") + "]  "
                    + a.run();
            if (a.dryRun() != null) {
                line += "\n    dry run: " + (a.dryRun().exit() == null ? "did not finish" : "exit " + a.dryRun().exit())
                        + lastLine(a.dryRun().output());
            }
            out.add(line);
        }
        return out;
    }

    /** What happened to each action: the record as the Actions section shows it. */
    public static List<String> outcomes(List<ActionRecord> actions) {
        List<String> out = new ArrayList<>();
        for (ActionRecord a : actions) {
            out.add(a.line() + "\n    " + a.run() + (a.durationMs() == null ? "" : "  (" + a.durationMs() + " ms)")
                    + (a.output() == null || a.output().isBlank() ? "" : "\n    output:" + lastLine(a.output())));
        }
        return out;
    }

    private static String lastLine(String output) {
        if (output == null || output.isBlank()) {
            return "";
        }
        String t = output.strip();
        int nl = t.lastIndexOf('\n');
        String last = nl < 0 ? t : t.substring(nl + 1);
        return ": " + (last.length() > 160 ? last.substring(0, 160) + "…" : last);
    }
}
