package dev.opsdeck.desktop.tickets;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.ModifiableObservableListBase;

/**
 * An observable list whose changes can be made as one batch: its listeners hear one list change for the whole
 * batch, however many elements it touched.
 *
 * <p>Why: the tickets table sits behind a filter, a sort and {@link InPlaceUpdates}, and the table, its selection
 * and its focus each listen to the list. Replacing fifty rows one by one sent fifty changes down that chain, each
 * handled in full (fifty sorts' worth of bookkeeping, fifty selection updates); one change carries them all.
 */
final class BatchedList<E> extends ModifiableObservableListBase<E> {

    private final List<E> items = new ArrayList<>();

    /** Runs {@code changes} (adds, sets, removes on this list) as one list change. */
    void batch(Runnable changes) {
        beginChange();
        try {
            changes.run();
        } finally {
            endChange();
        }
    }

    @Override
    public E get(int index) {
        return items.get(index);
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    protected void doAdd(int index, E element) {
        items.add(index, element);
    }

    @Override
    protected E doSet(int index, E element) {
        return items.set(index, element);
    }

    @Override
    protected E doRemove(int index) {
        return items.remove(index);
    }
}
