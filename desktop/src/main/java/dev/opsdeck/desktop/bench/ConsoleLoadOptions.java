package dev.opsdeck.desktop.bench;

import picocli.CommandLine.Option;

/** The console benchmark's load sizes (a picocli mixin): {@code bench console} passes them on to each window. */
final class ConsoleLoadOptions {

    @Option(names = "--realistic", paramLabel = "N", defaultValue = "50",
            description = "Incidents per realistic load (default: ${DEFAULT-VALUE}).")
    int realistic;

    @Option(names = "--think", paramLabel = "MS", defaultValue = "200",
            description = "The model stand-in's time per turn, ms (default: ${DEFAULT-VALUE}).")
    long thinkMs;
}
