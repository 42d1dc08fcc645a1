package dev.opsdeck.bridge.cli;

import picocli.CommandLine;

/** {@code opsdeck serve} as a main class, for what runs servers in processes of their own (tests, team bench). */
public final class ServeMain {

    private ServeMain() {
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new ServeCommand());
        // As the launcher does: a refused setting (a bad users file, an unsafe address) is one line and exit 2.
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException || e instanceof dev.opsdeck.engine.store.StoreException) {
                cmd.getErr().println("opsdeck: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        System.exit(cli.execute(args));
    }
}
