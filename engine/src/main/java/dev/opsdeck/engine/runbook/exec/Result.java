package dev.opsdeck.engine.runbook.exec;

/**
 * What one run of a step did: its exit code (or HTTP status), whether that counts as success, the tail of its
 * output with every secret masked, and how long it took. {@code failure} says why it did not succeed.
 */
public record Result(Integer code, boolean ok, String output, long durationMs, String failure) {

    /** One line for the journal: what happened, ending with the output's last line. */
    public String line() {
        String last = lastLine(output);
        if (ok) {
            return "exit " + code + (last.isEmpty() ? "" : ": " + last);
        }
        return failure + (last.isEmpty() || failure.contains(last) ? "" : ": " + last);
    }

    /** The last non-empty line of an output, cut at 200 characters. */
    public static String lastLineOf(String output) {
        return lastLine(output);
    }

    static String lastLine(String output) {
        String t = output == null ? "" : output.strip();
        int nl = t.lastIndexOf('\n');
        String line = nl < 0 ? t : t.substring(nl + 1).strip();
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
