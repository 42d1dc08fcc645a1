package dev.opsdeck.engine.telemetry;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of PromQL to compare an alert's expression with a probe's query: the metric names each reads and the
 * exact label matchers each sets. Not a parser: a name is a word with an underscore (or {@code up}) not followed by
 * {@code (}, which is what tells a metric from a function or a keyword in practice.
 */
final class PromQl {

    private static final Pattern WORD = Pattern.compile("(?<![A-Za-z0-9_:\"'=~!])([A-Za-z_:][A-Za-z0-9_:]*)(\\s*\\()?");
    private static final Pattern MATCHER = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*\"([^\"]*)\"");

    private PromQl() {
    }

    /** The metric names {@code expr} reads. */
    static Set<String> metrics(String expr) {
        Set<String> out = new LinkedHashSet<>();
        String bare = expr.replaceAll("\\{[^}]*\\}", "{}").replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "");
        Matcher m = WORD.matcher(bare);
        while (m.find()) {
            String w = m.group(1);
            if (m.group(2) == null && (w.contains("_") || w.equals("up"))) {
                out.add(w);
            }
        }
        return out;
    }

    /** The exact matchers {@code expr} sets, as {@code label="value"} (the host's instance matcher is not one). */
    static Set<String> matchers(String expr) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = MATCHER.matcher(expr);
        while (m.find()) {
            out.add(m.group(1) + "=\"" + m.group(2) + "\"");
        }
        return out;
    }
}
