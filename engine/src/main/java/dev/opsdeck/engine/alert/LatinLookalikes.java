package dev.opsdeck.engine.alert;

import java.util.Map;

/**
 * The Cyrillic and Greek letters that are drawn as a Latin one in the usual fonts, after Unicode's confusables data
 * (UTS #39): {@code р} reads as {@code p}, {@code Η} as {@code H}. Only letters that pass for Latin ones in a host
 * name are here, not every similar shape: {@code в} or {@code л} are not, so a real Cyrillic name such as
 * {@code сервер-01} keeps a letter no Latin reader would take for one of theirs.
 */
final class LatinLookalikes {

    private static final Map<Integer, Character> TABLE = Map.ofEntries(
            // Cyrillic, small
            Map.entry(0x0430, 'a'), Map.entry(0x0435, 'e'), Map.entry(0x043E, 'o'), Map.entry(0x0440, 'p'),
            Map.entry(0x0441, 'c'), Map.entry(0x0443, 'y'), Map.entry(0x0445, 'x'), Map.entry(0x0455, 's'),
            Map.entry(0x0456, 'i'), Map.entry(0x0458, 'j'), Map.entry(0x0461, 'w'), Map.entry(0x044C, 'b'),
            Map.entry(0x04BB, 'h'), Map.entry(0x04CF, 'l'), Map.entry(0x0501, 'd'), Map.entry(0x051B, 'q'),
            Map.entry(0x051D, 'w'), Map.entry(0x0491, 'r'),
            // Cyrillic, capital
            Map.entry(0x0410, 'A'), Map.entry(0x0412, 'B'), Map.entry(0x0415, 'E'), Map.entry(0x041A, 'K'),
            Map.entry(0x041C, 'M'), Map.entry(0x041D, 'H'), Map.entry(0x041E, 'O'), Map.entry(0x0420, 'P'),
            Map.entry(0x0421, 'C'), Map.entry(0x0422, 'T'), Map.entry(0x0425, 'X'), Map.entry(0x0405, 'S'),
            Map.entry(0x0406, 'I'), Map.entry(0x0408, 'J'), Map.entry(0x04AE, 'Y'), Map.entry(0x051C, 'W'),
            // Greek, small
            Map.entry(0x03BF, 'o'), Map.entry(0x03BD, 'v'), Map.entry(0x03B9, 'i'), Map.entry(0x03BA, 'k'),
            Map.entry(0x03C1, 'p'), Map.entry(0x03C5, 'u'), Map.entry(0x03F3, 'j'), Map.entry(0x03B1, 'a'),
            // Greek, capital
            Map.entry(0x0391, 'A'), Map.entry(0x0392, 'B'), Map.entry(0x0395, 'E'), Map.entry(0x0396, 'Z'),
            Map.entry(0x0397, 'H'), Map.entry(0x0399, 'I'), Map.entry(0x039A, 'K'), Map.entry(0x039C, 'M'),
            Map.entry(0x039D, 'N'), Map.entry(0x039F, 'O'), Map.entry(0x03A1, 'P'), Map.entry(0x03A4, 'T'),
            Map.entry(0x03A5, 'Y'), Map.entry(0x03A7, 'X'));

    private LatinLookalikes() {
    }

    /** The Latin letter {@code cp} passes for, or 0 when it passes for none. */
    static char latin(int cp) {
        Character c = TABLE.get(cp);
        return c == null ? 0 : c;
    }
}
