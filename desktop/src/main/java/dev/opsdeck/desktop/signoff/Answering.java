package dev.opsdeck.desktop.signoff;

import dev.opsdeck.engine.event.Outcome;
import dev.opsdeck.engine.flow.Answer;

/** Where the console's verdicts go: the engine's explicit-verdict answer (a test's fake in ViewModel tests). */
@FunctionalInterface
public interface Answering {

    Answer answer(String channelId, Outcome verdict, String note, String by);
}
