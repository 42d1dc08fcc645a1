package dev.opsdeck.desktop.signoff;

import dev.opsdeck.desktop.port.ConsolePort;
import dev.opsdeck.engine.event.Outcome;
import dev.opsdeck.engine.flow.Answer;
import java.util.List;

/**
 * Where the console's answers go: the engine's explicit-verdict answer, and the answers other than a verdict (request
 * changes, override, done by hand), through the console's port (a test's fake in ViewModel tests).
 */
@FunctionalInterface
public interface Answering {

    Answer answer(String channelId, Outcome verdict, String note, String by);

    default Answer requestChanges(String channelId, String feedback, String by) {
        return Answer.refused("requesting changes is not available in this console");
    }

    default Answer override(String channelId, String action, String note, String by) {
        return Answer.refused("overriding is not available in this console");
    }

    default Answer doneByHand(String channelId, String action, String note, String by) {
        return Answer.refused("recording a step done by hand is not available in this console");
    }

    default List<ConsolePort.Fitting> fitting(String ticketId) {
        return List.of();
    }

    /** Every answer through {@code port}. */
    static Answering of(ConsolePort port) {
        return new Answering() {
            @Override
            public Answer answer(String channelId, Outcome verdict, String note, String by) {
                return port.answer(channelId, verdict, note, by);
            }

            @Override
            public Answer requestChanges(String channelId, String feedback, String by) {
                return port.requestChanges(channelId, feedback, by);
            }

            @Override
            public Answer override(String channelId, String action, String note, String by) {
                return port.override(channelId, action, note, by);
            }

            @Override
            public Answer doneByHand(String channelId, String action, String note, String by) {
                return port.doneByHand(channelId, action, note, by);
            }

            @Override
            public List<ConsolePort.Fitting> fitting(String ticketId) {
                return port.fittingActions(ticketId);
            }
        };
    }
}
