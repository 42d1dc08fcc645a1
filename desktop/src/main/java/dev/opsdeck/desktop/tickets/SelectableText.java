package dev.opsdeck.desktop.tickets;

import javafx.scene.control.TextArea;
import javafx.scene.text.Text;

/**
 * A block of text the operator can select and copy (an RCA, a step, a resolution), laid out like a wrapped label:
 * a read-only text area without its frame, as tall as its text at the width it is given.
 */
final class SelectableText {

    private SelectableText() {
    }

    static TextArea of(String text, String id) {
        TextArea area = new TextArea(text);
        area.setId(id);
        area.setEditable(false);
        area.setWrapText(true);
        area.getStyleClass().add("selectable-text");
        area.setPrefRowCount(1);
        Text measure = new Text(text);
        Runnable fit = () -> {
            measure.setFont(area.getFont());
            measure.setWrappingWidth(Math.max(40, area.getWidth() - 24));
            area.setPrefHeight(Math.ceil(measure.getLayoutBounds().getHeight()) + 14);
        };
        area.widthProperty().addListener((o, was, now) -> fit.run());
        area.fontProperty().addListener((o, was, now) -> fit.run());
        return area;
    }
}
