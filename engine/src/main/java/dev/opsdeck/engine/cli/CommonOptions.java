package dev.opsdeck.engine.cli;

import dev.opsdeck.engine.EngineConfig;
import dev.opsdeck.engine.world.WorldLoader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every sub-command shares: where the data lives and which world to simulate. */
public final class CommonOptions {

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where tickets and journals are kept (default: ~/.opsdeck).")
    Path dataDir;

    @Option(names = "--world", paramLabel = "FILE", description = "A world file to simulate instead of the bundled one.")
    Path world;

    public Path dataDir() {
        return dataDir != null ? dataDir : Path.of(System.getProperty("user.home"), ".opsdeck");
    }

    /** The engine configuration these options describe; a bad world file fails here with a clear message. */
    public EngineConfig config() {
        EngineConfig config = EngineConfig.defaults(dataDir());
        return world == null ? config : config.withWorld(WorldLoader.load(world));
    }
}
