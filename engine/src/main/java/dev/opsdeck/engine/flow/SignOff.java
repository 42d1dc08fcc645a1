package dev.opsdeck.engine.flow;

import java.util.concurrent.ScheduledFuture;

/** The operator's pending sign-off on one remediation channel; it ends once, by an answer or by its deadline. */
final class SignOff {

    final String channelId;
    final double deadline;
    ScheduledFuture<?> expiry;

    SignOff(String channelId, double deadline) {
        this.channelId = channelId;
        this.deadline = deadline;
    }
}
