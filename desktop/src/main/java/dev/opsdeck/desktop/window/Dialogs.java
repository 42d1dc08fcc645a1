package dev.opsdeck.desktop.window;

import javafx.event.EventHandler;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogEvent;
import javafx.scene.input.InputEvent;
import javafx.scene.input.MouseEvent;
import javafx.stage.Modality;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * How every console dialog opens under a real window manager: centred on the console, sized to its content, whole on
 * the console's screen, and without taking the console out of its maximized state.
 *
 * <p>Why not plain JavaFX modality: on Linux (GTK) a window-modal dialog makes its owner non-resizable while it
 * shows, which a window manager (openbox, for one) answers by un-maximizing it; the console dropped to its minimum size
 * at every F1. So a dialog here is modeless to the toolkit, and the console's scene refuses input while it shows (a
 * click on the console brings the dialog back to the front): modal to the operator. And a position or size set
 * before the window is mapped is ignored by some window managers (dialogs opened at the screen's top-left corner at
 * 200×200), so both are applied again once it shows.
 */
public final class Dialogs {

    /** Room kept between a dialog and the screen's edges. */
    private static final double MARGIN = 16;

    private Dialogs() {
    }

    /** Call in place of {@code initOwner}, before the dialog shows. */
    public static void ownedBy(Dialog<?> dialog, Window owner) {
        dialog.initOwner(owner);
        dialog.initModality(Modality.NONE);
        if (owner == null || owner.getScene() == null) {
            return;
        }
        Scene console = owner.getScene();
        EventHandler<InputEvent> refuse = e -> {
            e.consume();
            if (e.getEventType() == MouseEvent.MOUSE_PRESSED) {
                Window w = dialog.getDialogPane().getScene().getWindow();
                if (w instanceof Stage s) {
                    s.toFront();
                }
                w.requestFocus();
            }
        };
        dialog.addEventHandler(DialogEvent.DIALOG_SHOWING, e -> console.addEventFilter(InputEvent.ANY, refuse));
        dialog.addEventHandler(DialogEvent.DIALOG_HIDDEN, e -> console.removeEventFilter(InputEvent.ANY, refuse));
        dialog.addEventHandler(DialogEvent.DIALOG_SHOWN, e -> place(dialog.getDialogPane().getScene().getWindow(),
                owner));
    }

    /** Sized to its content within the owner's screen, centred on the owner, whole on that screen. */
    static void place(Window dialog, Window owner) {
        if (Double.isNaN(dialog.getWidth()) || Double.isNaN(dialog.getHeight())) {
            // Shown by showAndWait, it is not sized yet: place it once the toolkit has sized it to its content.
            javafx.beans.InvalidationListener sized = new javafx.beans.InvalidationListener() {
                @Override
                public void invalidated(javafx.beans.Observable o) {
                    if (!Double.isNaN(dialog.getWidth()) && !Double.isNaN(dialog.getHeight())) {
                        dialog.widthProperty().removeListener(this);
                        dialog.heightProperty().removeListener(this);
                        place(dialog, owner);
                    }
                }
            };
            dialog.widthProperty().addListener(sized);
            dialog.heightProperty().addListener(sized);
            return;
        }
        Rectangle2D screen = screenOf(owner);
        // The toolkit has sized it to its content's preferred size (with the frame it knows of).
        double w = Math.min(dialog.getWidth(), screen.getWidth() - 2 * MARGIN);
        double h = Math.min(dialog.getHeight(), screen.getHeight() - 2 * MARGIN);
        Rectangle2D intended = centred(w, h, owner, screen);
        apply(dialog, intended);
        // A window manager may map the window after this at a place and size of its own (GTK's 200×200 at the
        // top-left), and the toolkit is not always told: so it is placed again once it has the focus (it is mapped
        // then), and whenever it is reported elsewhere, until it is where intended with the focus (then it is the
        // operator's to move). Bounded, so a window manager that insists is not fought forever.
        int[] corrections = {0};
        boolean[] placedWhenFocused = {false};
        boolean[] applying = {false};
        javafx.beans.InvalidationListener again = new javafx.beans.InvalidationListener() {
            @Override
            public void invalidated(javafx.beans.Observable o) {
                if (applying[0]) {
                    return; // our own four changes
                }
                boolean there = at(dialog, intended);
                if ((there && placedWhenFocused[0]) || corrections[0] >= 10) {
                    for (javafx.beans.Observable p : watched(dialog)) {
                        p.removeListener(this);
                    }
                } else if (!there || (dialog.isFocused() && !placedWhenFocused[0])) {
                    corrections[0]++;
                    placedWhenFocused[0] |= dialog.isFocused();
                    applying[0] = true;
                    try {
                        apply(dialog, intended);
                    } finally {
                        applying[0] = false;
                    }
                }
            }
        };
        for (javafx.beans.Observable p : watched(dialog)) {
            p.addListener(again);
        }
    }

    private static java.util.List<javafx.beans.Observable> watched(Window w) {
        return java.util.List.of(w.xProperty(), w.yProperty(), w.widthProperty(), w.heightProperty(),
                w.focusedProperty());
    }

    private static boolean at(Window w, Rectangle2D r) {
        return Math.abs(w.getX() - r.getMinX()) <= 1 && Math.abs(w.getY() - r.getMinY()) <= 1
                && Math.abs(w.getWidth() - r.getWidth()) <= 1 && Math.abs(w.getHeight() - r.getHeight()) <= 1;
    }

    private static void apply(Window w, Rectangle2D r) {
        w.setWidth(r.getWidth());
        w.setHeight(r.getHeight());
        w.setX(r.getMinX());
        w.setY(r.getMinY());
    }

    /** A {@code w}×{@code h} box centred on the owner, moved to lie whole within {@code screen}. */
    static Rectangle2D centred(double w, double h, Window owner, Rectangle2D screen) {
        double x = owner.getX() + (owner.getWidth() - w) / 2;
        double y = owner.getY() + (owner.getHeight() - h) / 2;
        x = Math.max(screen.getMinX() + MARGIN, Math.min(x, screen.getMaxX() - MARGIN - w));
        y = Math.max(screen.getMinY() + MARGIN, Math.min(y, screen.getMaxY() - MARGIN - h));
        return new Rectangle2D(x, y, w, h);
    }

    private static Rectangle2D screenOf(Window owner) {
        return Screen.getScreensForRectangle(owner.getX(), owner.getY(), Math.max(1, owner.getWidth()),
                Math.max(1, owner.getHeight())).stream().findFirst().orElse(Screen.getPrimary()).getVisualBounds();
    }
}
