package dev.opsdeck.desktop.workflow;

import java.util.HashMap;
import java.util.Map;
import javafx.scene.control.Tooltip;

/**
 * One tooltip per agent, shared by that agent's chip on every card: a compact chip's full name.
 *
 * <p>Why shared, and made when a chip is first pointed at: a tooltip is a popup control with its own styling, costly
 * to make; the sign-off panel opening compacts every card at once, and a tooltip per chip made dozens of them in
 * that pulse. The text is the agent's name, the same on every card, and a tooltip may be installed on many nodes.
 */
final class AgentTips {

    private final Map<String, Tooltip> byAgent = new HashMap<>();

    Tooltip of(String agent) {
        return byAgent.computeIfAbsent(agent, Tooltip::new);
    }
}
