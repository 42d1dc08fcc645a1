package dev.opsdeck.desktop.window;

import java.util.List;
import java.util.Optional;
import javafx.geometry.Rectangle2D;

/**
 * Where the console's window opens: where the operator last left it, if that still lies on a screen; else maximized
 * on the primary screen, filling its visual bounds (the screen less its panels and docks). Never larger than the
 * screen, never smaller than {@link #MIN_WIDTH}×{@link #MIN_HEIGHT}, the least the console is laid out for.
 */
public record Placement(double x, double y, double width, double height, boolean maximized) {

    public static final double MIN_WIDTH = 1024;
    public static final double MIN_HEIGHT = 640;

    /**
     * @param saved   where the window was when last closed
     * @param screens the visual bounds of every screen, the primary first
     */
    public static Placement initial(Optional<Placement> saved, List<Rectangle2D> screens) {
        Rectangle2D primary = screens.get(0);
        if (saved.isPresent()) {
            Placement p = saved.get();
            for (Rectangle2D s : screens) {
                if (s.contains(p.x() + 40, p.y() + 20)) {
                    double w = clamp(p.width(), MIN_WIDTH, s.getMaxX() - p.x());
                    double h = clamp(p.height(), MIN_HEIGHT, s.getMaxY() - p.y());
                    return new Placement(p.x(), p.y(), w, h, p.maximized());
                }
            }
        }
        // The first time: maximized, so the window manager fits it to the work area with its own frame (a window
        // sized to the work area plus a title bar is one a window manager shrinks or moves to taste). Restored, it
        // is nine tenths of the work area, centred.
        double w = Math.min(primary.getWidth(), Math.max(MIN_WIDTH, primary.getWidth() * 0.9));
        double h = Math.min(primary.getHeight(), Math.max(MIN_HEIGHT, primary.getHeight() * 0.9));
        return new Placement(primary.getMinX() + (primary.getWidth() - w) / 2,
                primary.getMinY() + (primary.getHeight() - h) / 2, w, h, true);
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(v, Math.max(min, max)));
    }
}
