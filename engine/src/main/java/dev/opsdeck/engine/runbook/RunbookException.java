package dev.opsdeck.engine.runbook;

/** A runbook that cannot be loaded: one line naming the file (and the line in it) and what is wrong. */
public final class RunbookException extends IllegalArgumentException {

    public RunbookException(String message) {
        super(message);
    }
}
