package dev.opsdeck.bridge;

import dev.opsdeck.bridge.cli.ServeCommand;
import picocli.CommandLine;

/** {@code opsdeck serve} as a main class, for tests that run the server in a process of its own. */
public final class ServeMain {

    private ServeMain() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ServeCommand()).execute(args));
    }
}
