package dev.opsdeck.desktop.topbar;

import dev.opsdeck.engine.presence.Person;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is here, as the top bar says it: "you" first, then the others by name, at most {@link #SHOWN} of them and
 * "+n" for the rest, each cut to {@link #NAME} characters, so the line stays short enough to show whole; the tooltip
 * lists everyone, whole, with how, where and since when.
 */
public record PeopleLine(String text, String tooltip) {

    static final int SHOWN = 3;
    /** The longest name shown whole in the bar; a longer one is cut (whole in the tooltip). */
    static final int NAME = 12;
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

    /** @param you the name this console's acts are recorded as (one of {@code people} when joined) */
    public static PeopleLine of(List<Person> people, String you) {
        Set<String> others = new LinkedHashSet<>();
        people.stream().map(Person::name).filter(n -> !n.equals(you)).sorted().forEach(others::add);
        List<String> named = others.stream().limit(SHOWN).toList();
        StringBuilder text = new StringBuilder("here: you");
        named.forEach(n -> text.append(" · ").append(n.length() <= NAME ? n : n.substring(0, NAME - 1) + "…"));
        if (others.size() > SHOWN) {
            text.append(" +").append(others.size() - SHOWN);
        }
        String tip = people.isEmpty() ? "Nobody else is connected."
                : people.stream().map(PeopleLine::line).collect(Collectors.joining("\n"));
        return new PeopleLine(text.toString(), tip);
    }

    private static String line(Person p) {
        return p.name() + " — " + p.via() + " on " + p.server() + " since "
                + HHMM.format(Instant.ofEpochMilli(Math.round(p.since() * 1000)))
                + (p.connections() > 1 ? " (" + p.connections() + " connections)" : "");
    }
}
