package dev.opsdeck.engine.exam;

/** A case the exam cannot run, with one line saying which file is wrong and how. */
public final class CaseFormatError extends IllegalArgumentException {

    public CaseFormatError(String message) {
        super(message);
    }
}
