package dev.opsdeck.engine.flow;

import dev.opsdeck.engine.agent.Agent;
import java.util.Map;

/** A post not yet on a channel: the channel gives it its place and time when it accepts it. */
record Post(Agent sender, String text, String tool, Map<String, Object> args, String body, String backend) {

    static Post text(Agent sender, String text) {
        return new Post(sender, text, null, null, null, null);
    }

    boolean isText() {
        return tool == null && body == null;
    }
}
