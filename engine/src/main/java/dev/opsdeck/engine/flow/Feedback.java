package dev.opsdeck.engine.flow;

import dev.opsdeck.engine.runbook.Proposal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an operator's request for changes excludes from the next proposal, read without guessing: an action named
 * by its id (either spelling, {@code restart_nginx} or {@code restart-nginx}) or its title, or anything it acts on
 * named as a word: a parameter's value (a host, a mount, a service), or a host its title or run line names. A name in the feedback excludes, whatever the
 * words around it; what the feedback says beyond names reaches a model in its input, never the rules.
 */
final class Feedback {

    private Feedback() {
    }

    /** The name in {@code feedback} that excludes {@code p}, if one does. */
    static Optional<String> excludes(String feedback, Proposal p) {
        String text = feedback.toLowerCase(Locale.ROOT);
        List<String> names = new ArrayList<>();
        names.add(p.id());
        names.add(p.id().replace('_', '-'));
        names.add(p.action().title());
        p.values().values().stream().filter(v -> v.chars().anyMatch(Character::isLetterOrDigit)).sorted()
                .forEach(names::add);
        hosts(p.action().title() + " " + p.shown()).forEach(names::add);
        for (String name : names) {
            if (asWord(name.toLowerCase(Locale.ROOT)).matcher(text).find()) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    // A host as the title or the line it runs names it: letters, then parts joined by '-' or '.', with a digit
    // (web-edge-01, db-02.internal); a word such as "orders-svc" is no host by this shape, and is not matched.
    private static final Pattern HOST = Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)+");

    private static List<String> hosts(String text) {
        List<String> out = new ArrayList<>();
        var m = HOST.matcher(text);
        while (m.find()) {
            if (m.group().chars().anyMatch(Character::isDigit)) {
                out.add(m.group());
            }
        }
        return out;
    }

    // Not inside a longer name: "db-02" is not named by "db-021" or "old-db-02", and "web" is not named by "web-01";
    // a sentence's full stop after a name still ends it.
    private static Pattern asWord(String name) {
        return Pattern.compile("(?<![\\p{L}\\p{N}_./-])" + Pattern.quote(name) + "(?![\\p{L}\\p{N}_/-]|\\.[\\p{L}\\p{N}])");
    }
}
