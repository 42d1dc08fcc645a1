package dev.opsdeck.engine.alert;

import java.lang.Character.UnicodeScript;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Why a system name could be shown as a host it is not: an invisible character ({@code web-edge-01} with a
 * zero-width space), letters of two scripts ({@code web-еdge-01} with a Cyrillic е), or letters of one other script
 * that all pass for Latin ones ({@code рау-01}, Cyrillic throughout, reads as {@code pay-01}: {@link LatinLookalikes}).
 * Each would put a ticket on the screen under a real host's name; such a name is refused, never shown. A name in one
 * script with a letter no Latin reader would take for theirs ({@code сервер-01}), and digits and punctuation, pass.
 */
final class LookalikeName {

    private LookalikeName() {
    }

    static Optional<String> why(String name) {
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (invisible(cp)) {
                return Optional.of("holds an invisible character (" + codePoint(cp) + " at " + (i + 1)
                        + ") and would show as another name");
            }
            i += Character.charCount(cp);
        }
        Set<UnicodeScript> scripts = new LinkedHashSet<>();
        int firstOther = -1;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            UnicodeScript script = UnicodeScript.of(cp);
            if (script != UnicodeScript.COMMON && script != UnicodeScript.INHERITED && Character.isLetter(cp)) {
                if (scripts.add(script) && scripts.size() == 2) {
                    firstOther = i;
                }
            }
            i += Character.charCount(cp);
        }
        if (scripts.size() > 1) {
            int cp = name.codePointAt(firstOther);
            return Optional.of("mixes scripts (" + String.join(" and ", scripts.stream().map(LookalikeName::title)
                    .toList()) + ": '" + new String(Character.toChars(cp)) + "' " + codePoint(cp) + " at "
                    + (firstOther + 1) + ") and could pass for another host");
        }
        if (scripts.size() == 1 && !scripts.contains(UnicodeScript.LATIN)) {
            return readsAsLatin(name, scripts.iterator().next());
        }
        return Optional.empty();
    }

    /** The whole-script look-alike: every letter of the name passes for a Latin one; the first is named. */
    private static Optional<String> readsAsLatin(String name, UnicodeScript script) {
        StringBuilder latin = new StringBuilder();
        int first = -1;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (Character.isLetter(cp)) {
                char l = LatinLookalikes.latin(cp);
                if (l == 0) {
                    return Optional.empty();
                }
                first = first < 0 ? i : first;
                latin.append(l);
            } else {
                latin.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        int cp = name.codePointAt(first);
        return Optional.of("reads as the Latin '" + latin + "' though every letter is " + title(script) + " ('"
                + new String(Character.toChars(cp)) + "' " + codePoint(cp) + " at " + (first + 1)
                + " first) and could pass for another host");
    }

    /** Controls, format characters (zero-width, bidi), separators other than a plain space, fillers that draw nothing. */
    private static boolean invisible(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.SPACE_SEPARATOR && cp != ' '
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.UNASSIGNED || type == Character.PRIVATE_USE
                || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 || cp == 0x2800;
    }

    private static String codePoint(int cp) {
        return String.format(Locale.ROOT, "U+%04X", cp);
    }

    private static String title(UnicodeScript s) {
        String n = s.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }
}
