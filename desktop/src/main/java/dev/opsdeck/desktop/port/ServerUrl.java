package dev.opsdeck.desktop.port;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The address of a server to join ({@code ./opsdeck serve}'s {@code /ws}), read the same way from {@code --connect}
 * and from Settings, so both refuse the same mistakes with the same words.
 */
public final class ServerUrl {

    /** What a good one looks like, said in every refusal. */
    public static final String SHAPE = "ws://HOST:PORT/ws (or wss://), like ws://127.0.0.1:8000/ws";

    private ServerUrl() {
    }

    /**
     * @throws IllegalArgumentException with "must be …" words naming the shape, for the caller to prefix with the
     *                                  field's name
     */
    public static URI parse(String text) {
        String t = text == null ? "" : text.trim();
        URI uri;
        try {
            uri = new URI(t);
        } catch (URISyntaxException e) {
            throw refused(t);
        }
        // A pasted http:// address (what a browser shows for /healthz) is the commonest slip: name the scheme.
        if (uri.getScheme() == null || !(uri.getScheme().equals("ws") || uri.getScheme().equals("wss"))
                || uri.getHost() == null || uri.getPath() == null || uri.getPath().isEmpty()) {
            throw refused(t);
        }
        return uri;
    }

    private static IllegalArgumentException refused(String t) {
        return new IllegalArgumentException("must be " + SHAPE + ", not '" + t + "'");
    }
}
