package dev.opsdeck.engine.cli;

import dev.opsdeck.engine.store.Salvage;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code opsdeck recover}: salvages a damaged data dir into a new one, saying what was saved and what was lost. */
@Command(name = RecoverCommand.NAME, mixinStandardHelpOptions = true,
        description = "Copy what can still be read of a damaged data file into a new data dir.")
public final class RecoverCommand implements Callable<Integer> {

    /** The word that names this command (the launcher knows the console from it before any parsing). */
    public static final String NAME = "recover";

    @Option(names = "--data-dir", paramLabel = "DIR", required = true, description = "The data dir whose opsdeck.db is damaged.")
    Path dataDir;

    @Option(names = "--into", paramLabel = "DIR", description = "Where the salvaged store goes (default: DIR-recovered).")
    Path into;

    @Override
    public Integer call() {
        Path target = into != null ? into : dataDir.resolveSibling(dataDir.getFileName() + "-recovered");
        Salvage.Report r = Salvage.run(dataDir, target);
        System.out.printf("salvaged into %s: %d ticket(s), %d channel(s), %d envelope(s); ticket numbers up to %d stay "
                + "taken%n", r.into(), r.tickets(), r.channels(), r.envelopes(), r.highestNumber());
        if (!r.lost().isEmpty()) {
            System.out.println("could not be read (" + r.lost().size() + "): " + String.join(", ", r.lost()));
        }
        System.out.println("start OpsDeck with --data-dir " + r.into() + " (the damaged file is left as it was)");
        return r.lost().isEmpty() ? 0 : 3;
    }
}
