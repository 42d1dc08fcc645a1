package dev.opsdeck.desktop.app;

import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** The status line: the last failure, selectable to copy, until the operator clears it. */
final class StatusView {

    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");

    private final StatusLine model;

    StatusView(StatusLine model) {
        this.model = model;
    }

    Node createView() {
        Label text = new Label();
        text.setId("status-line");
        text.getStyleClass().add("status-text");
        text.textProperty().bind(model.textProperty());
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button clear = new Button("Clear");
        clear.setId("status-clear");
        clear.getStyleClass().add("ghost");
        clear.setOnAction(e -> model.clear());
        clear.visibleProperty().bind(model.textProperty().isNotEmpty());
        HBox bar = new HBox(8, text, clear);
        bar.getStyleClass().add("status-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        // Always laid out, even empty: a bar that came and went would move the whole window under the cursor.
        bar.setMinHeight(26);
        model.errorProperty().addListener((o, was, now) -> bar.pseudoClassStateChanged(ERROR, now));
        return bar;
    }
}
