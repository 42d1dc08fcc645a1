package dev.opsdeck.engine.runbook.exec;

import dev.opsdeck.engine.runbook.Step;

/** The port through which the engine, and nothing else, runs an action's step against the world. */
public interface Executor {

    /** Runs {@code step} once and returns what happened; never throws for a failure of the step itself. */
    Result execute(Step step);
}
