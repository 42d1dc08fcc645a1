package dev.opsdeck.engine.presence;

/**
 * Someone connected now: the name their token gives them, how ({@link #CONSOLE}, {@link #WEB} for any other
 * WebSocket client such as the React app, {@link #API} for an event-stream reader), to which server of the team, since
 * when (epoch seconds, their first connection of that kind there) and over how many connections.
 */
public record Person(String name, String via, String server, double since, int connections) {

    public static final String CONSOLE = "console";
    public static final String WEB = "web";
    public static final String API = "api";
}
