package dev.opsdeck.desktop.monitoring;

import dev.opsdeck.engine.Injection;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The "Custom incident…" form. Validation is the engine's own ({@link Injection#problems()}), each problem shown at
 * its field once the operator has edited that field (not before typing anything); the form cannot be submitted
 * while any field has a problem.
 */
public final class CustomIncidentViewModel {

    private final StringProperty system = new SimpleStringProperty("");
    private final StringProperty issue = new SimpleStringProperty("");
    private final StringProperty sev = new SimpleStringProperty("sev3");
    private final StringProperty description = new SimpleStringProperty("");
    private final StringBinding error = Bindings.createStringBinding(
            () -> injection().invalid().orElse(""), system, issue, sev, description);
    private final BooleanBinding valid = error.isEmpty();
    private final javafx.beans.property.BooleanProperty systemTouched = new javafx.beans.property.SimpleBooleanProperty();
    private final javafx.beans.property.BooleanProperty issueTouched = new javafx.beans.property.SimpleBooleanProperty();
    private final StringBinding systemError = fieldError("system", systemTouched);
    private final StringBinding issueError = fieldError("issue", issueTouched);

    public CustomIncidentViewModel() {
        system.addListener((o, was, now) -> systemTouched.set(true));
        issue.addListener((o, was, now) -> issueTouched.set(true));
    }

    private StringBinding fieldError(String field, javafx.beans.property.BooleanProperty touched) {
        return Bindings.createStringBinding(() -> touched.get()
                ? injection().problems().getOrDefault(field, "") : "", system, issue, sev, description, touched);
    }

    /** The system's problem, once the system has been edited. */
    public StringBinding systemErrorProperty() {
        return systemError;
    }

    /** The issue's problem, once the issue has been edited. */
    public StringBinding issueErrorProperty() {
        return issueError;
    }

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
