package dev.opsdeck.desktop.settings;

/**
 * The console's own preferences. The Gemini key is deliberately not here: it is read from the environment and only
 * its presence is ever shown.
 *
 * @param prometheusUrl the Prometheus the specialists probe for systems the world does not simulate, from the next
 *                      start (below {@code --prometheus} and {@code OPSDECK_PROMETHEUS_URL}); empty for none
 * @param databaseUrl   the shared PostgreSQL ({@code postgresql://USER:PASS@HOST:PORT/DB}) the console's engine keeps
 *                      its tickets in from the next start (below {@code --database} and {@code OPSDECK_DATABASE});
 *                      empty for the SQLite file in the data dir
 * @param serverUrl     the server ({@code ./opsdeck serve}) the console joins from the next start, its
 *                      {@code ws://HOST:PORT/ws} (below {@code --connect}); empty to run an engine in the console
 * @param serverToken   that server's access token (below {@code --token} and {@code OPSDECK_TOKEN})
 */
public record Settings(String geminiModel, boolean bridgeEnabled, int bridgePort, String bridgeToken, Theme theme,
        Reach reach,
        String prometheusUrl, String databaseUrl, String serverUrl, String serverToken) {

    public enum Theme { DARK, LIGHT }

    /** How a sign-off reaches an operator looking elsewhere; each can be turned off. */
    public record Reach(boolean notification, boolean sound, boolean title, boolean taskbar) {

        public static Reach all() {
            return new Reach(true, true, true, true);
        }
    }

    public static final String DEFAULT_MODEL = "gemini-2.5-flash";

    public static Settings defaults() {
        return new Settings(DEFAULT_MODEL, false, 8000, "", Theme.DARK, Reach.all(), "", "", "", "");
    }
}
