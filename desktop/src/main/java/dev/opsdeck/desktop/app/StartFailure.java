package dev.opsdeck.desktop.app;

import dev.opsdeck.engine.store.StoreException;
import dev.opsdeck.engine.world.WorldException;

/**
 * What a start that failed says (on the terminal after {@code opsdeck: }, and in the console's window) and the
 * process's exit code: 2 for what the user can fix (a data file refused, a world or runbook that does not load, an
 * option that does not fit), 1 for anything else, whose detail goes to the log.
 */
public record StartFailure(String said, int exitCode) {

    public static StartFailure of(Throwable e) {
        if (e instanceof StoreException || e instanceof WorldException || e instanceof IllegalArgumentException) {
            return new StartFailure(e.getMessage(), 2);
        }
        return new StartFailure("unexpected failure: " + e, 1);
    }
}
