package dev.opsdeck.desktop.monitoring;

import dev.opsdeck.engine.Injection;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The "Custom incident…" form. Validation is the engine's own ({@link Injection#invalid()}), shown inline as the
 * operator types; the form cannot be submitted while it says something.
 */
public final class CustomIncidentViewModel {

    private final StringProperty system = new SimpleStringProperty("");
    private final StringProperty issue = new SimpleStringProperty("");
    private final StringProperty sev = new SimpleStringProperty("sev3");
    private final StringProperty description = new SimpleStringProperty("");
    private final StringBinding error = Bindings.createStringBinding(
            () -> injection().invalid().orElse(""), system, issue, sev, description);
    private final BooleanBinding valid = error.isEmpty();

    public Injection injection() {
        return Injection.custom(system.get().trim(), issue.get().trim(), sev.get(), description.get().trim());
    }

    public StringProperty systemProperty() {
        return system;
    }

    public StringProperty issueProperty() {
        return issue;
    }

    public StringProperty sevProperty() {
        return sev;
    }

    public StringProperty descriptionProperty() {
        return description;
    }

    /** What the operator must fix, or empty. */
    public StringBinding errorProperty() {
        return error;
    }

    public BooleanBinding validProperty() {
        return valid;
    }
}
