package dev.opsdeck.engine.event;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a sign-off ended, and how an operator's words are read into one. The reading fails safe: a disruptive step runs
 * only on words that clearly approve it, so any negation or hesitation wins over an approving word, and words that
 * say neither are not guessed at (the caller refuses them and the sign-off stays pending).
 */
public enum Outcome {
    APPROVED, DEFERRED, REJECTED, DECLINED, EXPIRED,
    /** The operator sent feedback instead of a verdict: nothing of this proposal runs, and a new one is made. */
    CHANGES_REQUESTED,
    /** The operator picked another fitting runbook action: nothing of this proposal runs; that one is shown next. */
    OVERRIDDEN,
    /** The operator did the step by hand: nothing of this proposal runs; the ticket keeps their step as theirs. */
    DONE_BY_HAND;

    /** What a refused answer tells the operator, wherever it came from. */
    public static final String HOW_TO_ANSWER = "answer APPROVE (explicitly, with no negation), DEFER (hold, wait, "
            + "later) or REJECT (no, not, don't, stop); an empty answer declines";

    /** Every post of the operator starts with this, then the verdict in capitals: the Resolver keys on it. */
    public static final String POST_HEADER = "Human sign-off: ";

    private static final Set<String> REFUSING = Set.of("reject", "rejected", "rejecting", "rejects", "no", "nope",
            "nah", "not", "dont", "never", "stop", "stopped", "cancel", "abort", "deny", "denied", "decline",
            "declined", "veto", "refuse", "refused", "negative", "cannot");
    private static final Set<String> HOLDING = Set.of("defer", "deferred", "deferring", "defers", "hold", "wait",
            "waiting", "later", "postpone", "postponed", "pause", "paused");
    private static final Set<String> APPROVING = Set.of("approve", "approved", "approving", "approves", "yes",
            "proceed", "lgtm");
    private static final List<List<String>> APPROVING_PHRASES = List.of(List.of("go", "ahead"));
    private static final Pattern WORD = Pattern.compile("[\\p{L}']+");
    private static final Pattern HEADER = Pattern.compile(
            "^\\s*" + Pattern.quote(POST_HEADER.trim()) + "\\s*(APPROVED|DEFERRED|REJECTED|DECLINED|EXPIRED|CHANGES_REQUESTED|OVERRIDDEN|DONE_BY_HAND)\\b",
            Pattern.CASE_INSENSITIVE);

    /**
     * The verdict an answer's words give: empty for a null or blank answer is {@link #DECLINED}; any refusing word
     * (or a word ending in n't) rejects; else any holding word defers; else an explicit approval approves; anything
     * else is unclear, and empty.
     */
    public static Optional<Outcome> read(String decision) {
        if (decision == null || decision.isBlank()) {
            return Optional.of(DECLINED);
        }
        List<String> words = words(decision);
        if (words.stream().anyMatch(w -> REFUSING.contains(w) || w.endsWith("n't"))) {
            return Optional.of(REJECTED);
        }
        if (words.stream().anyMatch(HOLDING::contains)) {
            return Optional.of(DEFERRED);
        }
        if (words.stream().anyMatch(APPROVING::contains) || APPROVING_PHRASES.stream().anyMatch(
                p -> java.util.Collections.indexOfSubList(words, p) >= 0)) {
            return Optional.of(APPROVED);
        }
        return Optional.empty();
    }

    /**
     * The verdict of an operator's post in a journal. Posts start with {@link #POST_HEADER} and the verdict; a post
     * without one (an older journal) is read by its words, and unclear words count as rejected: never as approval.
     */
    public static Outcome ofPost(String post) {
        if (post != null) {
            Matcher m = HEADER.matcher(post);
            if (m.find()) {
                return valueOf(m.group(1).toUpperCase(Locale.ROOT));
            }
        }
        return read(post).orElse(REJECTED);
    }

    /** The post starts with a verdict header of its own (the console's and the React app's texts do). */
    public static boolean headed(String post) {
        return post != null && HEADER.matcher(post).find();
    }

    private static List<String> words(String text) {
        String normal = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        List<String> words = new java.util.ArrayList<>();
        Matcher m = WORD.matcher(normal);
        while (m.find()) {
            String w = m.group();
            // "dont" and "don't" alike: the apostrophe is often left out in a hurry.
            words.add(w.equals("don't") ? "dont" : unquoted(w));
        }
        return words;
    }

    // The word without the apostrophes around it ('approve' → approve), without compiling a pattern per word.
    private static String unquoted(String w) {
        int from = 0;
        int to = w.length();
        while (from < to && w.charAt(from) == '\'') {
            from++;
        }
        while (to > from && w.charAt(to - 1) == '\'') {
            to--;
        }
        return w.substring(from, to);
    }

    /** The contract knows four outcomes: a declined sign-off is reported as rejected. */
    public String wire() {
        return this == DECLINED ? "rejected" : name().toLowerCase(Locale.ROOT);
    }

    /** The answer ends this proposal's round: the remediation proposes again, in a channel of its own. */
    public boolean newRound() {
        return this == CHANGES_REQUESTED || this == OVERRIDDEN;
    }

    /** The sign-off lets the disruptive step go ahead. */
    public boolean approves() {
        return this == APPROVED;
    }
}
