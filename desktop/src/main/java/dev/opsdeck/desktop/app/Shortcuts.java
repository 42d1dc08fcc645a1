package dev.opsdeck.desktop.app;

import java.util.LinkedHashMap;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.GridPane;

/**
 * The console's keyboard map: a shortcut to each area, and F1 to list them all. Each area is found by its node id,
 * so a view keeps its own layout and this only moves the focus.
 */
final class Shortcuts {

    /** Shortcut, what it does, the node it focuses (null: a command of its own). */
    private record Entry(KeyCombination keys, String what, String target) {
    }

    private static final Map<String, Entry> MAP = new LinkedHashMap<>();

    static {
        add(new KeyCodeCombination(KeyCode.DIGIT1, KeyCombination.SHORTCUT_DOWN), "Monitoring: the inject buttons",
                ".button.inject");
        add(new KeyCodeCombination(KeyCode.DIGIT2, KeyCombination.SHORTCUT_DOWN), "Workflows: the stage tabs",
                "#workflow-tabs");
        add(new KeyCodeCombination(KeyCode.DIGIT3, KeyCombination.SHORTCUT_DOWN), "Tickets: the table", "#tickets-table");
        add(new KeyCodeCombination(KeyCode.DIGIT4, KeyCombination.SHORTCUT_DOWN), "Ticket detail", "#detail-tabs");
        add(new KeyCodeCombination(KeyCode.DIGIT5, KeyCombination.SHORTCUT_DOWN), "Sign-off: the waiting list",
                "#signoff-queue");
        add(new KeyCodeCombination(KeyCode.DIGIT6, KeyCombination.SHORTCUT_DOWN), "Live log", "#log-stream");
        add(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), "Search tickets", "#ticket-search");
    }

    private static void add(KeyCombination keys, String what, String target) {
        MAP.put(keys.getDisplayText(), new Entry(keys, what, target));
    }

    private Shortcuts() {
    }

    static void install(Scene scene) {
        for (Entry e : MAP.values()) {
            scene.getAccelerators().put(e.keys(), () -> focus(scene, e.target()));
        }
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F1), () -> help(scene));
        scene.getAccelerators().put(ACKNOWLEDGE, () -> press(scene, "#ack-ticket"));
    }

    /** Takes the ticket shown in the detail, as its Acknowledge button does (nothing while that is disabled). */
    static final KeyCombination ACKNOWLEDGE = new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN);

    private static void press(Scene scene, String selector) {
        if (scene.getRoot().lookup(selector) instanceof javafx.scene.control.Button b && !b.isDisabled()) {
            b.fire();
        }
    }

    private static void focus(Scene scene, String selector) {
        Node n = scene.getRoot().lookup(selector);
        if (n != null && n.isVisible()) {
            n.requestFocus();
        }
    }

    /** F1: every shortcut, the sign-off's and the console's, in one list. */
    private static void help(Scene scene) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("shortcuts-help");
        grid.setHgap(16);
        grid.setVgap(6);
        int row = 0;
        Map<String, String> all = new LinkedHashMap<>();
        MAP.values().forEach(e -> all.put(e.keys().getDisplayText(), e.what()));
        all.put("Ctrl+Shift+A / D / R", "Sign-off: approve / defer / reject the request shown (once it is armed)");
        all.put("Alt+A / D / R", "The same, with Alt");
        all.put("Ctrl+I", "Custom incident…");
        all.put(ACKNOWLEDGE.getDisplayText(), "Acknowledge the ticket shown in the detail (\"I'm on it\")");
        all.put("Ctrl+,", "Settings");
        all.put("Ctrl+C", "Copy the selected evidence line or ticket row");
        all.put("Tab / Shift+Tab", "Move the focus (the yellow ring shows where it is)");
        all.put("F1", "This list");
        for (Map.Entry<String, String> e : all.entrySet()) {
            Label key = new Label(e.getKey());
            key.getStyleClass().add("key");
            grid.addRow(row++, key, new Label(e.getValue()));
        }
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle("Keyboard shortcuts");
        dev.opsdeck.desktop.window.Dialogs.ownedBy(d, scene.getWindow());
        d.getDialogPane().getStylesheets().setAll(scene.getStylesheets());
        d.getDialogPane().setContent(grid);
        d.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        d.show();
    }
}
