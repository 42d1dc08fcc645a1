package dev.opsdeck.desktop.workflow;

import java.util.List;

/**
 * A channel's pipeline rail at one moment: the chips before the band, the band, the chips after. Immutable: the
 * channel publishes a new one after each event, and the view redraws from it.
 *
 * @param state a short word for the card's head: "triaging", "parallel investigation", "awaiting human input"...
 */
public record Rail(List<Chip> before, Band band, List<Chip> after, String state) {

    public Rail {
        before = List.copyOf(before);
        after = List.copyOf(after);
    }

    /** Every chip in rail order. */
    public List<Chip> chips() {
        List<Chip> all = new java.util.ArrayList<>(before);
        all.addAll(band.members());
        all.addAll(after);
        return all;
    }

    public Chip chip(String agent) {
        return chips().stream().filter(c -> c.agent().equals(agent)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no chip for " + agent));
    }
}
