package dev.opsdeck.bridge.server;

/** What the gate made of a request: a plain HTTP answer (an endpoint, or a refusal), or a WebSocket client. */
sealed interface Admission {

    /** A refusal, already complete. */
    record Refused(HttpReply reply) implements Admission {
    }

    /**
     * {@code GET /healthz}, {@code /snapshot}, {@code /world} or {@code /server}, allowed; {@code authorized}: the
     * request carried a token this server knows, or it asks for none ({@code /healthz} is open to every caller);
     * {@code user}: who its token names (null without one).
     */
    record Endpoint(String path, boolean authorized, String user) implements Admission {
    }

    /**
     * An accepted upgrade on {@code /ws}; {@code replay} is false for {@code ?replay=0}; {@code presence} is true for
     * {@code ?presence=1} (the client hears who is connected); {@code user} is who its
     * token names (null on a server that asks for no token).
     */
    record Socket(boolean replay, String user, boolean presence) implements Admission {
    }
}
