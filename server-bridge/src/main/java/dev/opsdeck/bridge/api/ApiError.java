package dev.opsdeck.bridge.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** A refused API request: its status, the one line saying what went wrong and what to do, and extra fields. */
final class ApiError extends Exception {

    final int status;
    final Map<String, Object> extra;

    ApiError(int status, String detail) {
        this(status, detail, Map.of());
    }

    ApiError(int status, String detail, Map<String, Object> extra) {
        super(detail, null, false, false);
        this.status = status;
        this.extra = new LinkedHashMap<>(extra);
    }

    /** The body: {@code {"error": detail, ...extra}}, the shape of every refusal on this port. */
    Map<String, Object> body() {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("error", getMessage());
        b.putAll(extra);
        return b;
    }
}
