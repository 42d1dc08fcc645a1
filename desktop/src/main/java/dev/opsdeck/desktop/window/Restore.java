package dev.opsdeck.desktop.window;

import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.stage.Stage;

/**
 * Puts the console's window where a {@link Placement} says, and keeps it there until the window manager has mapped
 * it. Under openbox with GTK the size asked for before showing was not kept: a window left at 1202×785 came back at
 * its least size, 1024×640 (the place was kept), so the size is asked for again once the window is mapped (it has the
 * focus then) and whenever it is reported elsewhere before that; bounded, so a window manager that insists is not
 * fought forever, and after that the window is the operator's to move.
 */
public final class Restore {

    private static final int MOST_CORRECTIONS = 10;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Restore.class);

    private Restore() {
    }

    /** Call before {@code stage.show()}. */
    public static void onto(Stage stage, Placement at) {
        stage.setMinWidth(Placement.MIN_WIDTH);
        stage.setMinHeight(Placement.MIN_HEIGHT);
        apply(stage, at);
        stage.setMaximized(at.maximized());
        if (at.maximized()) {
            return; // the window manager fits a maximized window to the work area itself
        }
        int[] corrections = {0};
        boolean[] applying = {false};
        boolean[] nudged = {false};
        InvalidationListener again = new InvalidationListener() {
            @Override
            public void invalidated(Observable o) {
                log.debug("window reported at {}x{}+{}+{} focused={} (placing at {})", stage.getWidth(),
                        stage.getHeight(), stage.getX(), stage.getY(), stage.isFocused(), at);
                if (applying[0]) {
                    return; // our own changes
                }
                boolean there = there(stage, at);
                if ((there && stage.isFocused() && nudged[0]) || stage.isMaximized()
                        || corrections[0] >= MOST_CORRECTIONS) {
                    for (Observable p : watched(stage)) {
                        p.removeListener(this);
                    }
                } else if (!there) {
                    corrections[0]++;
                    applying[0] = true;
                    try {
                        apply(stage, at);
                    } finally {
                        applying[0] = false;
                    }
                }
            }
        };
        for (Observable p : watched(stage)) {
            p.addListener(again);
        }
        // Mapped (it has the focus then), the window may still be at its least size while the toolkit reports the
        // size asked for, so asking for that size again changes nothing: it is asked for a pixel smaller, then as
        // it is, which the toolkit passes on to the window manager.
        InvalidationListener mapped = new InvalidationListener() {
            @Override
            public void invalidated(Observable o) {
                if (!stage.isFocused()) {
                    return;
                }
                stage.focusedProperty().removeListener(this);
                if (stage.isMaximized()) {
                    return;
                }
                stage.setWidth(at.width() - 1);
                stage.setHeight(at.height() - 1);
                // The size itself a frame later, as a separate request (in the same frame the two may be merged).
                javafx.animation.PauseTransition nextFrame = new javafx.animation.PauseTransition(
                        javafx.util.Duration.millis(1));
                nextFrame.setOnFinished(e -> {
                    nudged[0] = true;
                    if (!stage.isMaximized()) {
                        apply(stage, at);
                    }
                });
                nextFrame.play();
            }
        };
        stage.focusedProperty().addListener(mapped);
    }

    private static java.util.List<Observable> watched(Stage s) {
        return java.util.List.of(s.xProperty(), s.yProperty(), s.widthProperty(), s.heightProperty(),
                s.focusedProperty());
    }

    private static boolean there(Stage s, Placement at) {
        return Math.abs(s.getX() - at.x()) <= 1 && Math.abs(s.getY() - at.y()) <= 1
                && Math.abs(s.getWidth() - at.width()) <= 1 && Math.abs(s.getHeight() - at.height()) <= 1;
    }

    private static void apply(Stage s, Placement at) {
        s.setWidth(at.width());
        s.setHeight(at.height());
        s.setX(at.x());
        s.setY(at.y());
    }
}
