package dev.opsdeck.engine.exam;

import java.util.List;
import java.util.Set;

/**
 * What a case's {@code answer.yml} says a right diagnosis is, in the spirit of OpenSRE's answer files: the layer of
 * the root cause, the object it must name, words it must hold, words and layers it must not blame.
 *
 * @param family              the fault family, for the per-family rates ({@code filesystem_space}, {@code oom})
 * @param category            the root cause's layer: {@code network}, {@code storage}, {@code web}, or {@code none}
 *                            when nothing measured explains the alert and the RCA must say so
 * @param object              what the root cause must name (a mount, a device, a unit, an interface); may be empty
 * @param required            words the whole RCA must hold, any case
 * @param forbidden           words the root cause (the RCA's first sentence) must not hold
 * @param forbiddenCategories layers the root cause must not be put in
 * @param redHerring          what distracts in this case, empty when nothing does
 */
public record Expected(String family, String category, String object, List<String> required, List<String> forbidden,
        List<String> forbiddenCategories, String redHerring) {

    public static final Set<String> CATEGORIES = Set.of("network", "storage", "web", "none");

    public boolean hasRedHerring() {
        return !redHerring.isBlank();
    }
}
