package dev.opsdeck.desktop.fx;

import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.ListViewSkin;
import javafx.scene.control.skin.TableViewSkin;

/**
 * Tables and lists that lay out their cells with the window, while they are still empty, instead of when their
 * first item arrives. The empty cells stay hidden under the placeholder, as before; what changes is when they are
 * made.
 *
 * <p>Why: a stock skin sizes its cells' flow only once it has items, so the first item of a burst made every
 * visible cell at once (a table row is a row, eight cells, their skins and their first styling): on a console just
 * opened, that one pulse took 80–100 ms of the FX thread for the tickets table alone. Made with the window, those
 * cells are ready when the first ticket comes; the burst then only fills them in, as it does on a console that has
 * run a while. Nothing is shown or run that the console would not show: these are the cells the view needs anyway.
 */
public final class RowsFromTheStart {

    private RowsFromTheStart() {
    }

    /** Gives {@code table} a skin that lays out its rows while it has none to show. */
    public static <S> void table(TableView<S> table) {
        table.setSkin(new TableSkin<>(table));
    }

    /** Gives {@code list} a skin that lays out its cells while it has none to show. */
    public static <T> void list(ListView<T> list) {
        list.setSkin(new ListSkin<>(list));
    }

    private static final class TableSkin<S> extends TableViewSkin<S> {

        TableSkin(TableView<S> table) {
            super(table);
        }

        @Override
        protected void layoutChildren(double x, double y, double w, double h) {
            super.layoutChildren(x, y, w, h);
            if (getItemCount() == 0) {
                // Where the stock skin puts the flow once there are rows (it is hidden while the table is empty).
                double header = getTableHeaderRow().prefHeight(-1);
                getVirtualFlow().resizeRelocate(x, y + header, w, Math.floor(h - header));
            }
        }
    }

    private static final class ListSkin<T> extends ListViewSkin<T> {

        ListSkin(ListView<T> list) {
            super(list);
        }

        @Override
        protected void layoutChildren(double x, double y, double w, double h) {
            super.layoutChildren(x, y, w, h);
            if (getItemCount() == 0) {
                getVirtualFlow().resizeRelocate(x, y, w, h);
            }
        }
    }
}
