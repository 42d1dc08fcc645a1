package dev.opsdeck.desktop.bridge;

/**
 * What the top bar shows about the bridge.
 *
 * @param url     {@code ws://host:port/ws} while serving, else null
 * @param problem why it is not serving when it was asked to, else null
 */
public record BridgeStatus(boolean running, String url, int clients, String problem) {

    public static BridgeStatus off() {
        return new BridgeStatus(false, null, 0, null);
    }

    public static BridgeStatus unavailable(String why) {
        return new BridgeStatus(false, null, 0, why);
    }

    public String label() {
        if (running) {
            return url + " · " + clients + (clients == 1 ? " client" : " clients");
        }
        return problem == null ? "off" : "off · " + problem;
    }
}
