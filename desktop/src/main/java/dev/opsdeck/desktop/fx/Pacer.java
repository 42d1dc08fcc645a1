package dev.opsdeck.desktop.fx;

/**
 * Decides when a ViewModel hands its gathered changes to its view. A lane is one such hand-over (the tickets table,
 * the log, the workflow cards); calling the returned trigger says "this lane has changes". ViewModel tests use
 * {@link #immediate()}; the console paces lanes over pulses with {@link Cadence}.
 */
public interface Pacer {

    /** @return the trigger that marks the lane as having changes to publish; {@code publish} runs on the FX thread */
    Runnable lane(Runnable publish);

    /** Every change is published the moment it is marked: for ViewModel tests. */
    static Pacer immediate() {
        return publish -> publish;
    }
}
