package dev.opsdeck.engine.agent;

import java.util.List;

/** One argument of a tool: its JSON type, the allowed values if it is an enumeration, and whether it may be left out. */
public record Param(String name, Type type, List<String> allowed, boolean required, String description) {

    public enum Type { STRING, INTEGER, STRING_LIST }

    public Param {
        allowed = List.copyOf(allowed);
    }

    public static Param text(String name, String description) {
        return new Param(name, Type.STRING, List.of(), true, description);
    }

    public static Param choice(String name, String description, String... allowed) {
        return new Param(name, Type.STRING, List.of(allowed), true, description);
    }

    public static Param list(String name, String description, String... allowed) {
        return new Param(name, Type.STRING_LIST, List.of(allowed), true, description);
    }

    /** A list the caller may leave out. */
    public static Param optionalList(String name, String description) {
        return new Param(name, Type.STRING_LIST, List.of(), false, description);
    }

    public static Param integer(String name, String description, boolean required) {
        return new Param(name, Type.INTEGER, List.of(), required, description);
    }
}
