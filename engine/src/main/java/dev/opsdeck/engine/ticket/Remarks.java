package dev.opsdeck.engine.ticket;

import java.util.regex.Pattern;

/**
 * What people say on a ticket, as it is kept: plain text, no markup is interpreted anywhere, at most {@link #MAX}
 * characters. Terminal escapes (ANSI) and other control characters are stripped, so a comment can neither recolour
 * nor rewrite an operator's terminal or log; tabs become spaces; line breaks stay (at most {@link #MAX_LINES}).
 */
public final class Remarks {

    public static final int MAX = 2000;
    public static final int MAX_LINES = 40;
    // CSI (ESC [ … final byte), OSC (ESC ] … BEL or ESC \), and any other two-character escape.
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*(\u0007|\u001B\\\\)?|\u001B.?|\u009B[0-?]*[ -/]*[@-~]");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n]]|[\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069]");

    private Remarks() {
    }

    /**
     * The text as kept.
     *
     * @throws IllegalArgumentException saying what is wrong (empty, too long)
     */
    public static String clean(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a comment needs text");
        }
        String t = ANSI.matcher(text.replace("\r\n", "\n").replace('\r', '\n').replace('\t', ' ')).replaceAll("");
        t = CONTROL.matcher(t).replaceAll("").strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("a comment needs some text (control characters and terminal escapes"
                    + " are removed)");
        }
        if (t.length() > MAX) {
            throw new IllegalArgumentException("a comment is at most " + MAX + " characters; this one is " + t.length());
        }
        if (t.lines().count() > MAX_LINES) {
            throw new IllegalArgumentException("a comment is at most " + MAX_LINES + " lines");
        }
        return t;
    }
}
