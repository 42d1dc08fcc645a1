package dev.opsdeck.engine.agent;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tool an agent may call: its name, what it is for, the shape of its arguments, and what it answers. Defined once,
 * in {@link Tools}; the runner, the graphs and the reasoning all take it from there.
 */
public record ToolSpec(String name, String description, List<Param> params, ToolHandler handler) {

    public ToolSpec {
        params = List.copyOf(params);
        java.util.Objects.requireNonNull(handler, () -> name + " has no handler");
    }

    /** The answer to a call whose arguments fit (see {@link #misfit}). */
    public String answer(ToolDesk desk, Map<String, Object> args) {
        return handler.answer(desk, args);
    }

    /**
     * Why these arguments do not fit this tool's declared shape, if they do not. Every agent's output passes here,
     * whichever backend produced it, so a malformed call never reaches a workflow.
     */
    public Optional<String> misfit(Map<String, Object> args) {
        if (args == null) {
            return Optional.of(name + ": no arguments");
        }
        for (String key : args.keySet()) {
            if (!declares(key)) {
                return Optional.of(name + ": unexpected argument '" + key + "'");
            }
        }
        for (Param p : params) {
            Object value = args.get(p.name());
            if (value == null) {
                if (p.required()) {
                    return Optional.of(name + ": missing argument '" + p.name() + "'");
                }
                continue;
            }
            Optional<String> wrong = misfit(p, value);
            if (wrong.isPresent()) {
                return wrong;
            }
        }
        return Optional.empty();
    }

    // Every argument of every call is checked here: a loop over the (one to three) parameters, no stream.
    private boolean declares(String key) {
        for (Param p : params) {
            if (p.name().equals(key)) {
                return true;
            }
        }
        return false;
    }

    private Optional<String> misfit(Param p, Object value) {
        switch (p.type()) {
            case STRING:
                if (!(value instanceof String) || ((String) value).isBlank()) {
                    return Optional.of(name + ": '" + p.name() + "' must be a non-empty string");
                }
                if (!p.allowed().isEmpty() && !p.allowed().contains(value)) {
                    return Optional.of(name + ": '" + p.name() + "' must be one of " + p.allowed() + ", got '" + value + "'");
                }
                return Optional.empty();
            case INTEGER:
                if (!(value instanceof Number) || ((Number) value).doubleValue() != Math.rint(((Number) value).doubleValue())) {
                    return Optional.of(name + ": '" + p.name() + "' must be an integer");
                }
                return Optional.empty();
            case STRING_LIST:
                if (!(value instanceof List<?>)) {
                    return Optional.of(name + ": '" + p.name() + "' must be a list of strings");
                }
                List<?> items = (List<?>) value;
                for (Object item : items) {
                    if (!(item instanceof String)) {
                        return Optional.of(name + ": '" + p.name() + "' must be a list of strings");
                    }
                    if (!p.allowed().isEmpty() && !p.allowed().contains(item)) {
                        return Optional.of(name + ": unknown nickname '" + item + "' in '" + p.name()
                                + "' (known: " + p.allowed() + ")");
                    }
                }
                return Optional.empty();
            default:
                throw new IllegalStateException(p.type().toString());
        }
    }
}
