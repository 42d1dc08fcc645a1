package dev.opsdeck.desktop.tickets;

import dev.opsdeck.engine.ticket.Status;
import dev.opsdeck.engine.ticket.Ticket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The tickets in view, as rows, with the figures the top bar shows. Fed whole tickets (every change of a ticket
 * carries all of it), so a row is simply replaced.
 */
public final class TicketsViewModel {

    private final BatchedList<TicketRow> rows = new BatchedList<>();
    private final ObservableList<TicketRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final FilteredList<TicketRow> filtered = new FilteredList<>(rows);
    private final ObjectProperty<TicketFilter> filter = new SimpleObjectProperty<>(TicketFilter.ALL);
    private final javafx.beans.property.StringProperty query = new javafx.beans.property.SimpleStringProperty("");
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Double> rcaSeconds = new HashMap<>();
    private final ReadOnlyIntegerWrapper total = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper active = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper awaitingHuman = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper needsFollowup = new ReadOnlyIntegerWrapper();
    private final ReadOnlyDoubleWrapper averageRca = new ReadOnlyDoubleWrapper(Double.NaN);

    public TicketsViewModel() {
        filter.addListener((o, was, now) -> refilter());
        query.addListener((o, was, now) -> refilter());
    }

    /** The filter and the search together: every word of the search must be in the ticket's id, system, issue or text. */
    private void refilter() {
        java.util.function.Predicate<TicketRow> byStatus = filter.get().predicate();
        String[] words = query.get() == null ? new String[0]
                : query.get().toLowerCase(java.util.Locale.ROOT).trim().split("\\s+");
        if (words.length == 0 || words[0].isEmpty()) {
            filtered.setPredicate(byStatus);
            return;
        }
        filtered.setPredicate(r -> {
            if (!byStatus.test(r)) {
                return false;
            }
            Ticket t = r.ticket();
            String text = String.join(" ", t.id(), t.system(), t.issue(), t.sev(), t.status().label(), t.rca(),
                    t.resolution(), String.join(" ", t.recommendations())).toLowerCase(java.util.Locale.ROOT);
            for (String w : words) {
                if (!text.contains(w)) {
                    return false;
                }
            }
            return true;
        });
    }

    /**
     * The tickets as of a (re)subscription. The time to RCA measured for a ticket still listed is kept: a rejoin must
     * not date it again from a later change (0.2 s became 41.7 s after a reconnect). When the rows listed are the
     * snapshot's first ones, as after a rejoin, they are updated in place (the selection and the scroll stay) and the
     * newer ones added; otherwise the rows are replaced.
     */
    public void load(List<Ticket> tickets) {
        boolean inPlace = tickets.size() >= rows.size();
        for (int i = 0; inPlace && i < rows.size(); i++) {
            inPlace = rows.get(i).id().equals(tickets.get(i).id());
        }
        if (!inPlace) {
            rows.clear();
            index.clear();
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        tickets.forEach(t -> ids.add(t.id()));
        int listed = rows.size();
        // Two changes: the rows listed replaced in place (the table hears updates), then the newer ones added; in
        // one change the last replaced row and the first added would merge into a removal.
        rows.batch(() -> {
            for (int i = 0; i < listed; i++) {
                Ticket t = tickets.get(i);
                rows.set(i, new TicketRow(t, rcaSeconds.getOrDefault(t.id(), Double.NaN)));
            }
        });
        rows.batch(() -> {
            for (Ticket t : tickets.subList(listed, tickets.size())) {
                index.put(t.id(), rows.size());
                rows.add(new TicketRow(t, rcaSeconds.getOrDefault(t.id(), Double.NaN)));
            }
        });
        rcaSeconds.keySet().retainAll(ids);
        recount();
    }

    /**
     * Applies the newest state of some tickets, {@code ts} being when each change was published; a batch of
     * changes costs one pass over the figures, not one per change.
     */
    public void update(Map<String, Ticket> latest, Map<String, Double> ts) {
        // One list change for the whole batch (see BatchedList).
        rows.batch(() -> {
            for (Ticket t : latest.values()) {
                if (!t.rca().isBlank() && !rcaSeconds.containsKey(t.id())) {
                    rcaSeconds.put(t.id(), Math.max(0, ts.getOrDefault(t.id(), t.createdAt()) - t.createdAt()));
                }
                TicketRow row = new TicketRow(t, rcaSeconds.getOrDefault(t.id(), Double.NaN));
                Integer at = index.get(t.id());
                if (at == null) {
                    index.put(t.id(), rows.size());
                    rows.add(row);
                } else {
                    rows.set(at, row);
                }
            }
        });
        recount();
    }

    public void clear() {
        rows.clear();
        index.clear();
        rcaSeconds.clear();
        recount();
    }

    private void recount() {
        int activeCount = 0;
        int waiting = 0;
        int followups = 0;
        for (TicketRow r : rows) {
            if (r.ticket().status() == Status.NEEDS_FOLLOWUP) {
                followups++;
            }
            if (r.active()) {
                activeCount++;
            }
            if (r.ticket().needsHuman()) {
                waiting++;
            }
        }
        total.set(rows.size());
        active.set(activeCount);
        awaitingHuman.set(waiting);
        needsFollowup.set(followups);
        averageRca.set(rcaSeconds.isEmpty() ? Double.NaN
                : rcaSeconds.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN));
    }

    public Optional<Ticket> ticket(String id) {
        Integer at = index.get(id);
        return at == null ? Optional.empty() : Optional.of(rows.get(at).ticket());
    }

    public Optional<TicketRow> row(String id) {
        Integer at = index.get(id);
        return at == null ? Optional.empty() : Optional.of(rows.get(at));
    }

    /** Every row, oldest first. */
    public ObservableList<TicketRow> rows() {
        return rowsView;
    }

    /** The rows the current filter lets through; the view sorts them. */
    public ObservableList<TicketRow> visibleRows() {
        return filtered;
    }

    public ObjectProperty<TicketFilter> filterProperty() {
        return filter;
    }

    /** The search over the tickets in view (id, system, issue, RCA, steps, resolution); empty shows all. */
    public javafx.beans.property.StringProperty queryProperty() {
        return query;
    }

    public ReadOnlyIntegerProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty awaitingHumanProperty() {
        return awaitingHuman.getReadOnlyProperty();
    }

    /** Tickets that ended needing a person: rejected, deferred too long, expired, failed. */
    public ReadOnlyIntegerProperty needsFollowupProperty() {
        return needsFollowup.getReadOnlyProperty();
    }

    /** Mean seconds from opening to RCA over the tickets measured in this run; NaN when none. */
    public ReadOnlyDoubleProperty averageRcaProperty() {
        return averageRca.getReadOnlyProperty();
    }
}
