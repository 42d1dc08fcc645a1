package dev.opsdeck.desktop.settings;

import javafx.collections.FXCollections;
import javafx.event.ActionEvent;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/**
 * Settings: model keys' presence and where each was read (never a key) and model, the bridge, the theme, how a sign-off
 * reaches the operator, the Prometheus URL, the database, the server to join (and whether the console is joined now).
 * Saved to the data dir.
 */
public final class SettingsDialog extends Dialog<ButtonType> {

    public SettingsDialog(Window owner, SettingsViewModel model, java.util.List<String> stylesheets) {
        dev.opsdeck.desktop.window.Dialogs.ownedBy(this, owner);
        setTitle("Settings");
        setHeaderText("Saved in " + model.file() + "\nLog: " + model.logFile());
        getDialogPane().getStylesheets().setAll(stylesheets);
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        model.revert();

        Label key = new Label(model.keyPresence());
        key.setId("settings-key");
        TextField modelName = new TextField();
        modelName.textProperty().bindBidirectional(model.modelProperty());
        CheckBox bridge = new CheckBox("Serve the bridge (remote clients mirror this console)");
        bridge.setId("settings-bridge");
        bridge.selectedProperty().bindBidirectional(model.bridgeEnabledProperty());
        TextField port = new TextField();
        port.setId("settings-port");
        port.textProperty().bindBidirectional(model.portProperty());
        PasswordField token = new PasswordField();
        token.setPromptText("none");
        token.textProperty().bindBidirectional(model.tokenProperty());
        ChoiceBox<Settings.Theme> theme = new ChoiceBox<>(FXCollections.observableArrayList(Settings.Theme.values()));
        theme.valueProperty().bindBidirectional(model.themeProperty());
        CheckBox notification = reach("settings-notify", "Desktop notification", model.notifyProperty());
        CheckBox sound = reach("settings-sound", "Sound", model.soundProperty());
        CheckBox title = reach("settings-title", "Count in the window title", model.titleProperty());
        CheckBox taskbar = reach("settings-taskbar", "Flag the taskbar", model.taskbarProperty());
        javafx.scene.layout.HBox reach = new javafx.scene.layout.HBox(12, notification, sound, title, taskbar);
        // The preference is the box; whether a notification can actually be shown here is said beside it.
        Label delivery = new Label();
        delivery.setId("settings-notify-delivery");
        delivery.setWrapText(true);
        delivery.setPrefWidth(560); // a long reason wraps rather than widening the dialog to the screen
        delivery.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        delivery.textProperty().bind(model.deliveryProperty());
        delivery.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("fails"), !model.deliversProperty().get());
        model.deliversProperty().addListener((o, was, now) -> delivery.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("fails"), !now));
        delivery.getStyleClass().add("notify-delivery");
        javafx.scene.layout.VBox reachBox = new javafx.scene.layout.VBox(4, reach, delivery);
        TextField prometheus = new TextField();
        prometheus.setId("settings-prometheus");
        prometheus.setPromptText("none, e.g. http://127.0.0.1:9090");
        prometheus.setTooltip(new javafx.scene.control.Tooltip("Probed for systems the world does not simulate; "
                + "used from the next start, unless --prometheus or OPSDECK_PROMETHEUS_URL says otherwise"));
        prometheus.textProperty().bindBidirectional(model.prometheusProperty());
        TextField database = new TextField();
        database.setId("settings-database");
        database.setPromptText("none: the SQLite file in the data dir");
        database.setTooltip(new javafx.scene.control.Tooltip("postgresql://USER:PASS@HOST:PORT/DB: keep tickets in a "
                + "PostgreSQL a team shares; used from the next start, unless --database or OPSDECK_DATABASE says "
                + "otherwise"));
        database.textProperty().bindBidirectional(model.databaseProperty());
        TextField server = new TextField();
        server.setId("settings-server");
        server.setPromptText("none: an engine in this console; e.g. ws://127.0.0.1:8000/ws");
        server.setTooltip(new javafx.scene.control.Tooltip("A running ./opsdeck serve to join instead of running an "
                + "engine here; used from the next start, unless --connect or --own-engine says otherwise"));
        server.textProperty().bindBidirectional(model.serverProperty());
        PasswordField serverToken = new PasswordField();
        serverToken.setId("settings-server-token");
        serverToken.setPromptText("none");
        serverToken.setTooltip(new javafx.scene.control.Tooltip("The server's access token (serve --token); "
                + "--token or OPSDECK_TOKEN at start overrule it"));
        serverToken.textProperty().bindBidirectional(model.serverTokenProperty());
        Label runsOn = new Label();
        runsOn.setId("settings-runs-on");
        runsOn.setWrapText(true);
        runsOn.setPrefWidth(560); // wraps rather than widening the dialog, as the delivery line does
        runsOn.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        runsOn.textProperty().bind(model.runsOnProperty());
        Label error = new Label();
        error.getStyleClass().add("field-error");
        error.setId("settings-error");
        error.setWrapText(true); // a refusal names the shape expected: shown whole, not cut to "…"
        error.setPrefWidth(560);
        error.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        error.textProperty().bind(model.errorProperty());

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, muted("Model key"), key);
        modelName.setTooltip(new javafx.scene.control.Tooltip(
                "Used from the next start, unless --model or OPSDECK_MODEL says otherwise"));
        grid.addRow(1, muted("Gemini model (next start)"), modelName);
        grid.addRow(2, muted("Bridge"), bridge);
        grid.addRow(3, muted("Bridge port"), port);
        grid.addRow(4, muted("Bridge token"), token);
        grid.addRow(5, muted("Theme"), theme);
        grid.addRow(6, muted("When a sign-off waits"), reachBox);
        grid.addRow(7, muted("Prometheus (next start)"), prometheus);
        grid.addRow(8, muted("Database (next start)"), database);
        grid.addRow(9, muted("Server to join (next start)"), server);
        grid.addRow(10, muted("Server token"), serverToken);
        grid.add(runsOn, 1, 11);
        grid.add(error, 1, 12);
        javafx.scene.control.Button diagnostics = new javafx.scene.control.Button("Copy diagnostics");
        diagnostics.setId("settings-diagnostics");
        diagnostics.setTooltip(new javafx.scene.control.Tooltip("The version, these settings (secrets masked) and the "
                + "log's last lines on the clipboard, for a bug report"));
        diagnostics.setOnAction(e -> {
            javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
            content.putString(model.diagnostics());
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
            diagnostics.setText("Copied");
        });
        grid.add(diagnostics, 1, 13);
        getDialogPane().setContent(grid);

        getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(model.errorProperty().isNotEmpty());
        getDialogPane().lookupButton(ButtonType.OK).addEventFilter(ActionEvent.ACTION, e -> {
            if (!model.save()) {
                e.consume();
            }
        });
    }

    private static CheckBox reach(String id, String text, javafx.beans.property.BooleanProperty on) {
        CheckBox b = new CheckBox(text);
        b.setId(id);
        b.selectedProperty().bindBidirectional(on);
        return b;
    }

    private static Label muted(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("muted");
        return l;
    }
}
