package dev.opsdeck.engine.agent;

import java.util.Map;

/** What a tool answers to a call whose arguments already fit its declaration. */
@FunctionalInterface
public interface ToolHandler {

    String answer(ToolDesk desk, Map<String, Object> args);
}
