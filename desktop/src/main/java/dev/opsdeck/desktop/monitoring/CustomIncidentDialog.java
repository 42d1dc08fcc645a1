package dev.opsdeck.desktop.monitoring;

import dev.opsdeck.engine.Injection;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** "Custom incident…": system, issue, sev, description; the inline message says what to fix, and Inject waits. */
public final class CustomIncidentDialog extends Dialog<Injection> {

    public static final ButtonType INJECT = new ButtonType("Inject", ButtonBar.ButtonData.OK_DONE);

    public CustomIncidentDialog(Window owner, CustomIncidentViewModel model, java.util.List<String> stylesheets) {
        dev.opsdeck.desktop.window.Dialogs.ownedBy(this, owner);
        setTitle("Custom incident");
        setHeaderText("Open a ticket for an incident the catalogue does not have");
        getDialogPane().getStylesheets().setAll(stylesheets);
        getDialogPane().getButtonTypes().setAll(INJECT, ButtonType.CANCEL);

        TextField system = new TextField();
        system.setId("custom-system");
        system.setPromptText("e.g. db-primary-01");
        system.textProperty().bindBidirectional(model.systemProperty());
        TextField issue = new TextField();
        issue.setId("custom-issue");
        issue.setPromptText("e.g. replication_lag");
        issue.textProperty().bindBidirectional(model.issueProperty());
        ChoiceBox<String> sev = new ChoiceBox<>();
        sev.getItems().setAll("sev1", "sev2", "sev3");
        sev.valueProperty().bindBidirectional(model.sevProperty());
        TextArea description = new TextArea();
        description.setId("custom-description");
        description.setPrefRowCount(3);
        description.setWrapText(true);
        description.textProperty().bindBidirectional(model.descriptionProperty());
        Label systemError = fieldError("custom-system-error", model.systemErrorProperty());
        Label issueError = fieldError("custom-issue-error", model.issueErrorProperty());

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, label("System"), system);
        grid.add(systemError, 1, 1);
        grid.addRow(2, label("Issue"), issue);
        grid.add(issueError, 1, 3);
        grid.addRow(4, label("Severity"), sev);
        grid.addRow(5, label("Description"), description);
        getDialogPane().setContent(grid);

        Node inject = getDialogPane().lookupButton(INJECT);
        inject.setId("custom-inject");
        inject.disableProperty().bind(model.validProperty().not());
        setResultConverter(b -> b == INJECT && model.validProperty().get() ? model.injection() : null);
        setOnShown(e -> system.requestFocus());
    }

    /** Under its field, and only when it says something: the form does not jump for an empty line. */
    private static Label fieldError(String id, javafx.beans.value.ObservableStringValue text) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("field-error");
        l.textProperty().bind(text);
        l.setWrapText(true);
        l.setMaxWidth(360);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // every line of it, not the first cut short
        return l;
    }

    private static Label label(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("muted");
        return l;
    }
}
