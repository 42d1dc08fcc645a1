package dev.opsdeck.engine.ticket;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Which recommended steps need the operator's sign-off, so the console can show exactly what a decision lets run.
 * The rules and the world mark theirs in words ("disruptive: needs operator sign-off"); a model's steps may not, and
 * are then recognised by what they do (a fail-over, a restart, a disk swap, a roll-back).
 */
public final class Disruptive {

    private static final Pattern ACTS = Pattern.compile(
            "disruptive|fail ?over|restart|reboot|hot-swap|replace|reseat|roll ?back|drain|power.?cycle");

    private Disruptive() {
    }

    /** The step says it is disruptive. */
    public static boolean marked(String step) {
        return step != null && step.toLowerCase(Locale.ROOT).contains("disruptive");
    }

    /** The indexes of the disruptive steps: the marked ones if any step is marked, else those that act so. */
    public static List<Integer> among(List<String> steps) {
        List<Integer> marked = IntStream.range(0, steps.size()).filter(i -> marked(steps.get(i))).boxed().toList();
        if (!marked.isEmpty()) {
            return marked;
        }
        return IntStream.range(0, steps.size())
                .filter(i -> steps.get(i) != null && ACTS.matcher(steps.get(i).toLowerCase(Locale.ROOT)).find())
                .boxed().toList();
    }
}
