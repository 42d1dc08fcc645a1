package dev.opsdeck.desktop.workflow;

import java.util.List;

/**
 * The parallel members of a rail, drawn as a stack.
 *
 * @param chosen  how many members the triage picked (0 until it has)
 * @param pending how many of those have not posted yet
 */
public record Band(String name, List<Chip> members, int chosen, int pending) {

    public Band {
        members = List.copyOf(members);
    }

    /** "parallel · 2 of 3 pending", or what it waits for. */
    public String label() {
        if (chosen == 0) {
            return "parallel " + name + " · awaiting triage";
        }
        if (pending == 0) {
            return "parallel " + name + " · " + chosen + " of " + chosen + " done";
        }
        return "parallel " + name + " · " + pending + " of " + chosen + " pending";
    }
}
