package dev.opsdeck.desktop.app;

import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/**
 * What the window shows before the console is there: what is happening (the engine starting), or, if the engine did
 * not start, why and a way to close. It holds nothing that acts on an engine.
 *
 * <p>Made of shapes, not controls, and styled in code: the first control makes JavaFX load and apply its
 * stylesheet, which took longer than the rest of this view; the console's own scene pays for that after the window
 * is up.
 */
final class StartingView {

    private final Text what = new Text();
    private final VBox box = new VBox(12);
    private final Runnable onClose;

    StartingView(String what, Runnable onClose) {
        this.what.setText(what);
        this.onClose = onClose;
    }

    Parent createView() {
        Text name = new Text("OpsDeck");
        name.setFont(Font.font(null, FontWeight.BOLD, 28));
        name.setFill(Color.web("#f0f4f8"));
        what.setId("starting-what");
        what.setFont(Font.font(14));
        what.setFill(Color.web("#8b949e"));
        what.setWrappingWidth(0);
        box.getChildren().setAll(name, what);
        box.setAlignment(Pos.CENTER);
        box.setStyle("-fx-background-color: #0d1117;");
        return box;
    }

    /** The engine did not start: why, in place of what was happening, with the way out. */
    void failed(String why) {
        what.setText("The engine did not start: " + why);
        what.setFill(Color.web("#ff7b72"));
        what.setWrappingWidth(Math.min(640, Math.max(320, box.getWidth() - 80)));
        Button close = new Button("Close");
        close.setId("starting-close");
        close.setDefaultButton(true);
        close.setOnAction(e -> onClose.run());
        box.getChildren().add(close);
        close.requestFocus();
    }
}
