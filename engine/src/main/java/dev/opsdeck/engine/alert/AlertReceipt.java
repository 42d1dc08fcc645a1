package dev.opsdeck.engine.alert;

import java.util.List;

/**
 * What a delivery did: the tickets it opened or added a line to, and the alerts that changed nothing, each with why.
 * This is the hook's 202 reply.
 */
public record AlertReceipt(List<String> tickets, List<Ignored> ignored) {

    public AlertReceipt {
        tickets = List.copyOf(tickets);
        ignored = List.copyOf(ignored);
    }

    public record Ignored(String fingerprint, String reason) {
    }
}
