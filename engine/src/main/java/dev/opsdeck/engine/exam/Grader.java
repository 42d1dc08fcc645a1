package dev.opsdeck.engine.exam;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores an RCA against a case's answer, deterministically. The root cause is the RCA's first sentence: its layer
 * ({@code in the storage layer}, else the first layer word it names; {@code none} when it says no root cause was
 * found), the object it names and the words it must not hold are read there; required words anywhere in the RCA.
 */
public final class Grader {

    private static final Pattern LAYER = Pattern.compile("in the (network|storage|web) layer");
    private static final Pattern ANY_LAYER = Pattern.compile("\\b(network|storage|web)\\b");
    private static final Pattern SENTENCE_END = Pattern.compile("\\.(\\s|$)");

    private Grader() {
    }

    /** A score: passed when {@code misses} is empty. */
    public record Grade(String category, List<String> misses) {
        public boolean passed() {
            return misses.isEmpty();
        }
    }

    public static Grade grade(Expected e, String rca) {
        String all = rca == null ? "" : rca;
        String root = rootCause(all);
        String category = category(root);
        List<String> misses = new ArrayList<>();
        if (all.isBlank()) {
            misses.add("no RCA");
            return new Grade("", misses);
        }
        if (!category.equals(e.category())) {
            misses.add("category " + (category.isEmpty() ? "unclear" : category) + ", expected " + e.category());
        }
        if (e.forbiddenCategories().contains(category)) {
            misses.add("blames the forbidden category " + category);
        }
        if (!e.object().isEmpty() && !contains(root, e.object())) {
            misses.add("the root cause does not name " + e.object());
        }
        for (String w : e.required()) {
            if (!contains(all, w)) {
                misses.add("lacks '" + w + "'");
            }
        }
        for (String w : e.forbidden()) {
            if (contains(root, w)) {
                misses.add("the root cause holds forbidden '" + w + "'");
            }
        }
        return new Grade(category, misses);
    }

    static String rootCause(String rca) {
        Matcher m = SENTENCE_END.matcher(rca);
        return m.find() ? rca.substring(0, m.start()) : rca;
    }

    static String category(String root) {
        String r = root.toLowerCase(Locale.ROOT);
        if (r.contains("no root cause")) {
            return "none";
        }
        Matcher m = LAYER.matcher(r);
        if (m.find()) {
            return m.group(1);
        }
        Matcher any = ANY_LAYER.matcher(r);
        return any.find() ? any.group(1) : "";
    }

    /**
     * Whole-word where the word starts or ends with a letter or digit (a plural allowed), so '/data' does not match
     * '/data2', nor '0%' match '10%'.
     */
    private static boolean contains(String text, String word) {
        String w = Pattern.quote(word.toLowerCase(Locale.ROOT));
        String pre = Character.isLetterOrDigit(word.charAt(0)) ? "(?<![A-Za-z0-9_.])" : "";
        // A plural names the thing too: "CPU" is named by "the CPUs".
        String post = Character.isLetterOrDigit(word.charAt(word.length() - 1)) ? "(?:e?s)?(?![A-Za-z0-9_])" : "";
        return Pattern.compile(pre + w + post).matcher(text.toLowerCase(Locale.ROOT)).find();
    }
}
