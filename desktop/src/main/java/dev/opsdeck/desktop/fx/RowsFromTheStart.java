package dev.opsdeck.desktop.fx;

import java.util.ArrayDeque;
import java.util.Queue;
import javafx.animation.AnimationTimer;
import javafx.scene.control.ListView;
import javafx.scene.control.SkinBase;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.ListViewSkin;
import javafx.scene.control.skin.TableViewSkin;

/**
 * Tables and lists that lay out their cells soon after the window first shows, while they are still empty, instead
 * of when their first item arrives. The empty cells stay hidden under the placeholder, as before; what changes is
 * when they are made.
 *
 * <p>Why: a stock skin sizes its cells' flow only once it has items, so the first item of a burst made every
 * visible cell at once (a table row is a row, eight cells, their skins and their first styling): on a console just
 * opened, that one pulse took 80–100 ms of the FX thread for the tickets table alone. Made beforehand, those cells
 * are ready when the first ticket comes; the burst then only fills them in, as it does on a console that has run a
 * while. Nothing is shown or run that the console would not show: these are the cells the view needs anyway.
 *
 * <p>They are made after the window's first frame, one table or list per pulse, so the console appears as soon as
 * it did before and no frame makes them all.
 */
public final class RowsFromTheStart {

    private static final String QUEUE = RowsFromTheStart.class.getName();

    private RowsFromTheStart() {
    }

    /** Gives {@code table} a skin that lays out its rows while it has none to show. */
    public static <S> void table(TableView<S> table) {
        TableSkin<S> skin = new TableSkin<>(table);
        table.setSkin(skin);
        queueWhenShown(skin);
    }

    /** Gives {@code list} a skin that lays out its cells while it has none to show. */
    public static <T> void list(ListView<T> list) {
        ListSkin<T> skin = new ListSkin<>(list);
        list.setSkin(skin);
        queueWhenShown(skin);
    }

    /** A skin that makes its cells once {@link #makeCells()} is called. */
    private interface Eager {
        void makeCells();
    }

    private static void queueWhenShown(SkinBase<?> skin) {
        skin.getSkinnable().sceneProperty().addListener((o, was, scene) -> {
            if (scene != null && was == null) {
                ((Pulses) scene.getProperties().computeIfAbsent(QUEUE, k -> new Pulses())).add((Eager) skin);
            }
        });
    }

    /** Per scene: from the second pulse on, one queued skin makes its cells per pulse. */
    private static final class Pulses extends AnimationTimer {
        private final Queue<Eager> queued = new ArrayDeque<>();
        private int pulses;
        private boolean running;

        void add(Eager skin) {
            queued.add(skin);
            if (!running) {
                running = true;
                pulses = 0;
                start();
            }
        }

        @Override
        public void handle(long now) {
            // The first pulse draws the window; the cells come after it.
            if (++pulses < 2) {
                return;
            }
            Eager next = queued.poll();
            if (next != null) {
                next.makeCells();
            }
            if (queued.isEmpty()) {
                stop();
                running = false;
            }
        }
    }

    private static final class TableSkin<S> extends TableViewSkin<S> implements Eager {
        private boolean eager;

        TableSkin(TableView<S> table) {
            super(table);
        }

        @Override
        public void makeCells() {
            eager = true;
            getSkinnable().requestLayout();
        }

        @Override
        protected void layoutChildren(double x, double y, double w, double h) {
            super.layoutChildren(x, y, w, h);
            if (eager && getItemCount() == 0) {
                // Where the stock skin puts the flow once there are rows (it is hidden while the table is empty).
                double header = getTableHeaderRow().prefHeight(-1);
                getVirtualFlow().resizeRelocate(x, y + header, w, Math.floor(h - header));
            }
        }
    }

    private static final class ListSkin<T> extends ListViewSkin<T> implements Eager {
        private boolean eager;

        ListSkin(ListView<T> list) {
            super(list);
        }

        @Override
        public void makeCells() {
            eager = true;
            getSkinnable().requestLayout();
        }

        @Override
        protected void layoutChildren(double x, double y, double w, double h) {
            super.layoutChildren(x, y, w, h);
            if (eager && getItemCount() == 0) {
                getVirtualFlow().resizeRelocate(x, y, w, h);
            }
        }
    }
}
