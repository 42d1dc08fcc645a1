package dev.opsdeck.engine;

import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.EventStream;
import dev.opsdeck.engine.event.Level;
import dev.opsdeck.engine.world.World;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** The live estate: while running, one ambient (healthy) log line of a random system per tick. */
final class Simulation {

    private final World world;
    private final EventStream stream;
    private final ScheduledExecutorService timer;
    private final Duration every;
    private final Random random = new Random();
    private ScheduledFuture<?> ticking;

    Simulation(World world, EventStream stream, ScheduledExecutorService timer, Duration every) {
        this.world = world;
        this.stream = stream;
        this.timer = timer;
        this.every = every;
    }

    synchronized boolean running() {
        return ticking != null;
    }

    synchronized void start() {
        if (ticking == null) {
            long ms = every.toMillis();
            ticking = timer.scheduleAtFixedRate(this::tick, ms, ms, TimeUnit.MILLISECONDS);
        }
        stream.publish(new EngineEvent.SimState(true));
    }

    synchronized void stop() {
        if (ticking != null) {
            ticking.cancel(false);
            ticking = null;
        }
        stream.publish(new EngineEvent.SimState(false));
    }

    private void tick() {
        List<Map.Entry<String, List<String>>> systems = new ArrayList<>(world.ambientLogs().entrySet());
        systems.removeIf(e -> e.getValue().isEmpty());
        if (systems.isEmpty()) {
            return;
        }
        Map.Entry<String, List<String>> system = systems.get(random.nextInt(systems.size()));
        String line = system.getValue().get(random.nextInt(system.getValue().size()));
        stream.publish(new EngineEvent.LogLine(system.getKey(), line, Level.INFO));
    }
}
