package dev.opsdeck.desktop.tickets;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.TransformationList;

/**
 * The rows as the table sees them: the same elements as the source, but a row replaced at the same place (a ticket's
 * newer state; sorting by ticket keeps it where it was) is reported as an <em>update</em> of that row.
 *
 * <p>Why: the table skin treats any replace as "every row may be different" and rebuilds all of its cells, which
 * re-applies CSS to every visible cell from scratch. During a burst tickets change every frame, so that rebuild was
 * most of each frame. An update only re-shows the rows whose item changed. Additions and removals pass as they are.
 */
final class InPlaceUpdates<E> extends TransformationList<E, E> {

    InPlaceUpdates(ObservableList<E> source) {
        super(source);
    }

    @Override
    protected void sourceChanged(ListChangeListener.Change<? extends E> c) {
        beginChange();
        while (c.next()) {
            if (c.wasPermutated()) {
                int[] perm = new int[c.getTo() - c.getFrom()];
                for (int i = c.getFrom(); i < c.getTo(); i++) {
                    perm[i - c.getFrom()] = c.getPermutation(i);
                }
                nextPermutation(c.getFrom(), c.getTo(), perm);
            } else if (c.wasUpdated()) {
                for (int i = c.getFrom(); i < c.getTo(); i++) {
                    nextUpdate(i);
                }
            } else if (c.wasReplaced() && c.getRemovedSize() == c.getAddedSize()) {
                for (int i = c.getFrom(); i < c.getTo(); i++) {
                    nextUpdate(i);
                }
            } else {
                if (c.wasRemoved()) {
                    nextRemove(c.getFrom(), c.getRemoved());
                }
                if (c.wasAdded()) {
                    nextAdd(c.getFrom(), c.getTo());
                }
            }
        }
        endChange();
    }

    @Override
    public int getSourceIndex(int index) {
        return index;
    }

    @Override
    public int getViewIndex(int index) {
        return index;
    }

    @Override
    public E get(int index) {
        return getSource().get(index);
    }

    @Override
    public int size() {
        return getSource().size();
    }
}
