package dev.opsdeck.bridge.cli;

import picocli.CommandLine;

/** {@code opsdeck serve} as a main class, for what runs servers in processes of their own (tests, team bench). */
public final class ServeMain {

    private ServeMain() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ServeCommand()).execute(args));
    }
}
