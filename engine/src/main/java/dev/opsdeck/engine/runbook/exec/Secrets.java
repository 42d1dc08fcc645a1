package dev.opsdeck.engine.runbook.exec;

import dev.opsdeck.engine.runbook.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${env:NAME}} values, read from the server's environment only when a step runs: they are never in a
 * proposal, the journal, the wire or a report, and whatever a step prints has them masked.
 */
public final class Secrets {

    private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)\\}");
    static final String MASK = "********";

    private final Map<String, String> env;

    public Secrets(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public static Secrets fromEnvironment() {
        return new Secrets(System.getenv());
    }

    /** The step as it runs, or why it cannot (a variable that is not set). */
    Expanded expand(Step step) {
        List<String> used = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Step out = step.map(s -> {
            Matcher m = ENV.matcher(s);
            StringBuilder b = new StringBuilder();
            while (m.find()) {
                String v = env.get(m.group(1));
                if (v == null) {
                    missing.add(m.group(1));
                    v = "";
                } else if (!v.isEmpty()) {
                    used.add(v);
                }
                m.appendReplacement(b, Matcher.quoteReplacement(v));
            }
            m.appendTail(b);
            return b.toString();
        });
        return new Expanded(out, List.copyOf(used), missing.isEmpty() ? null
                : "environment variable " + String.join(", ", missing) + " is not set on this server");
    }

    record Expanded(Step step, List<String> secrets, String missing) {
        String mask(String text) {
            String t = text;
            for (String s : secrets) {
                t = t.replace(s, MASK);
            }
            return t;
        }
    }
}
