package dev.opsdeck.engine.testing;

import dev.opsdeck.engine.Engine;
import dev.opsdeck.engine.EngineConfig;
import dev.opsdeck.engine.InjectResult;
import dev.opsdeck.engine.Injection;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Subscription;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** An engine on a temporary data dir with a recorder subscribed from the start. */
public final class EngineFixture implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(20);

    public final Engine engine;
    public final Recorder recorder;
    private final Subscription subscription;

    public EngineFixture(Path dir, UnaryOperator<EngineConfig> tune) {
        this(dir, tune, new Recorder());
    }

    public EngineFixture(Path dir, UnaryOperator<EngineConfig> tune, Recorder recorder) {
        this.engine = Engine.start(tune.apply(EngineConfig.defaults(dir)));
        this.recorder = recorder;
        // With replay: a resumed flow may publish before this line runs; the retained history holds it.
        this.subscription = engine.subscribe("test", true, tickets -> { }, recorder);
    }

    /** Answers every sign-off with this decision (null declines) as soon as it is asked. */
    public EngineFixture answering(String decision) {
        recorder.onEach(p -> {
            if (p.event() instanceof EngineEvent.SignOffRequested r) {
                engine.answer(r.channelId(), decision, "test");
            }
        });
        // A resumed flow may have asked before this reaction existed; the engine refuses a second answer anyway.
        for (EngineEvent e : recorder.events()) {
            if (e instanceof EngineEvent.SignOffRequested r) {
                engine.answer(r.channelId(), decision, "test");
            }
        }
        return this;
    }

    public String inject(String key) {
        InjectResult r = engine.inject(Injection.of(key));
        if (!r.accepted()) {
            throw new AssertionError("inject refused: " + r.reason());
        }
        return r.ticketId();
    }

    @Override
    public void close() {
        subscription.close();
        engine.close();
    }
}
