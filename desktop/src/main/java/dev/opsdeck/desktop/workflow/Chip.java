package dev.opsdeck.desktop.workflow;

import dev.opsdeck.engine.agent.Agent;

/**
 * One agent on a rail.
 *
 * @param meta the line under the chip: the tool it routed with, what it waits for, or empty
 */
public record Chip(String agent, ChipState state, String meta) {

    /** A two-or-three letter tag for the collapsed row: the agent's own, else its first letters. */
    public String abbreviation() {
        return Agent.byName(agent).map(Agent::tag).orElse(agent.length() <= 3 ? agent : agent.substring(0, 3));
    }
}
