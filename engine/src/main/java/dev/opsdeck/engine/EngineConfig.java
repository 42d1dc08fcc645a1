package dev.opsdeck.engine;

import dev.opsdeck.engine.reasoning.Reasoner;
import dev.opsdeck.engine.runbook.Runbook;
import dev.opsdeck.engine.runbook.RunbookLoader;
import dev.opsdeck.engine.runbook.exec.Executor;
import dev.opsdeck.engine.runbook.exec.LocalExecutor;
import dev.opsdeck.engine.runbook.exec.Secrets;
import dev.opsdeck.engine.telemetry.MetricProbes;
import dev.opsdeck.engine.world.World;
import dev.opsdeck.engine.world.WorldLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * How an engine runs. Defaults are the product's: 6 flows at once, a 1.5 s debounce per incident, a 300 s sign-off
 * deadline, ambient logs every 1.5 s, the newest 4000 events retained for replay, offline reasoning.
 *
 * @param reasoner the reasoning backend; null means the offline rules
 * @param workers  threads for agent turns; a band's members run at once, so several flows need several each
 * @param tokenCap model tokens a ticket may spend; once reached, its remaining turns use the rules (0 = no cap)
 * @param database a shared PostgreSQL, {@code postgresql://USER:PASS@HOST:PORT/DB}; null for the embedded store in
 *                 {@code dataDir}
 * @param metrics  Prometheus and the toolset, for systems the world does not simulate; {@link MetricProbes#NONE} by
 *                 default (every system answers from the world, as before)
 * @param runbook  the actions remediation may propose and run: the bundled world's simulated ones by default
 * @param executor runs them: this server's processes, HTTP client and ansible-playbook
 */
public record EngineConfig(
        Path dataDir,
        World world,
        Clock clock,
        Reasoner reasoner,
        int maxFlows,
        Duration debounce,
        Duration signOffDeadline,
        Duration ambientEvery,
        int retain,
        int workers,
        long tokenCap,
        MetricProbes metrics,
        String database,
        Runbook runbook,
        Executor executor) {

    public static EngineConfig defaults(Path dataDir) {
        return new EngineConfig(dataDir, WorldLoader.bundled(), Clock.systemUTC(), null, 6, Duration.ofMillis(1500),
                Duration.ofSeconds(300), Duration.ofMillis(1500), 4000, 32, 0, MetricProbes.NONE, null,
                RunbookLoader.bundled(), new LocalExecutor(Secrets.fromEnvironment()));
    }

    public EngineConfig withWorld(World w) {
        return new EngineConfig(dataDir, w, clock, reasoner, maxFlows, debounce, signOffDeadline, ambientEvery, retain,
                workers, tokenCap, metrics, database, runbook, executor);
    }

    public EngineConfig withClock(Clock c) {
        return new EngineConfig(dataDir, world, c, reasoner, maxFlows, debounce, signOffDeadline, ambientEvery, retain,
                workers, tokenCap, metrics, database, runbook, executor);
    }

    public EngineConfig withReasoner(Reasoner r) {
        return new EngineConfig(dataDir, world, clock, r, maxFlows, debounce, signOffDeadline, ambientEvery, retain,
                workers, tokenCap, metrics, database, runbook, executor);
    }

    public EngineConfig withMaxFlows(int n) {
        return new EngineConfig(dataDir, world, clock, reasoner, n, debounce, signOffDeadline, ambientEvery, retain,
                workers, tokenCap, metrics, database, runbook, executor);
    }

    public EngineConfig withDebounce(Duration d) {
        return new EngineConfig(dataDir, world, clock, reasoner, maxFlows, d, signOffDeadline, ambientEvery, retain,
                workers, tokenCap, metrics, database, runbook, executor);
    }

    public EngineConfig withSignOffDeadline(Duration d) {
        return new EngineConfig(dataDir, world, clock, reasoner, maxFlows, debounce, d, ambientEvery, retain,
                workers, tokenCap, metrics, database, runbook, executor);
    }

    public EngineConfig withAmbientEvery(Duration d) {
        return new EngineConfig(dataDir, world, clock, reasoner, maxFlows, debounce, signOffDeadline, d, retain,
                workers, tokenCap, metrics, database, runbook, executor);
    }

    public EngineConfig withTokenCap(long cap) {
        return new EngineConfig(dataDir, world, clock, reasoner, maxFlows, debounce, signOffDeadline, ambientEvery, retain,
                workers, cap, metrics, database, runbook, executor);
    }

    public EngineConfig withWorkers(int n) {
        return new EngineConfig(dataDir, world, clock, reasoner, maxFlows, debounce, signOffDeadline, ambientEvery, retain,
                n, tokenCap, metrics, database, runbook, executor);
    }

    public EngineConfig withMetrics(MetricProbes m) {
        return new EngineConfig(dataDir, world, clock, reasoner, maxFlows, debounce, signOffDeadline, ambientEvery, retain,
                workers, tokenCap, m, database, runbook, executor);
    }

    /** The bundled world's runbook and these actions too (the files given by {@code --runbook}). */
    public EngineConfig withRunbook(Runbook r) {
        return new EngineConfig(dataDir, world, clock, reasoner, maxFlows, debounce, signOffDeadline, ambientEvery, retain,
                workers, tokenCap, metrics, database, r, executor);
    }

    public EngineConfig withExecutor(Executor e) {
        return new EngineConfig(dataDir, world, clock, reasoner, maxFlows, debounce, signOffDeadline, ambientEvery, retain,
                workers, tokenCap, metrics, database, runbook, e);
    }

    public EngineConfig withDatabase(String url) {
        return new EngineConfig(dataDir, world, clock, reasoner, maxFlows, debounce, signOffDeadline, ambientEvery, retain,
                workers, tokenCap, metrics, url, runbook, executor);
    }
}
