package dev.opsdeck.desktop.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.ticket.Status;
import dev.opsdeck.engine.ticket.Ticket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

class TicketsViewModelTest {

    private static Map<String, Ticket> opened(int from, int count) {
        Map<String, Ticket> out = new LinkedHashMap<>();
        for (int i = from; i < from + count; i++) {
            String id = String.format("INC-%03d", i);
            out.put(id, Ticket.open(id, "web-1", "Web5xx", "sev2", i));
        }
        return out;
    }

    @Test
    void aBatchOfTickets_reachesTheRowsInViewAsOneListChange_newOrChanged() {
        TicketsViewModel model = new TicketsViewModel();
        List<ListChangeListener.Change<? extends TicketRow>> heard = new ArrayList<>();
        model.visibleRows().addListener((ListChangeListener<TicketRow>) heard::add);

        model.update(opened(1, 50), Map.of());
        assertThat(heard).hasSize(1);
        assertThat(model.visibleRows()).hasSize(50);

        heard.clear();
        Map<String, Ticket> changed = new LinkedHashMap<>();
        opened(1, 50).forEach((id, t) -> changed.put(id, t.withStatus(Status.REMEDIATION_RECOMMENDED, "rca")));
        changed.putAll(opened(51, 2));
        model.update(changed, Map.of());

        assertThat(heard).as("fifty changed and two new tickets, one change").hasSize(1);
        assertThat(model.visibleRows()).hasSize(52);
        assertThat(model.row("INC-007").orElseThrow().status()).isEqualTo(Status.REMEDIATION_RECOMMENDED);
        assertThat(model.rows().stream().map(TicketRow::id).toList().subList(48, 52))
                .containsExactly("INC-049", "INC-050", "INC-051", "INC-052");
        assertThat(model.totalProperty().get()).isEqualTo(52);
        assertThat(model.activeProperty().get()).isEqualTo(52);
    }

    @Test
    void aBatchOfChangedTickets_reachesTheSortedTableAsUpdatesInPlace_notAsReplacedRows() {
        TicketsViewModel model = new TicketsViewModel();
        model.update(opened(1, 30), Map.of());
        javafx.collections.transformation.SortedList<TicketRow> sorted = new javafx.collections.transformation.SortedList<>(
                model.visibleRows(), java.util.Comparator.comparing(TicketRow::id).reversed());
        InPlaceUpdates<TicketRow> table = new InPlaceUpdates<>(sorted);
        List<String> kinds = new ArrayList<>();
        table.addListener((ListChangeListener<TicketRow>) c -> {
            while (c.next()) {
                kinds.add(c.wasUpdated() ? "updated" : c.wasPermutated() ? "permutated" : "added/removed");
            }
        });

        Map<String, Ticket> changed = new LinkedHashMap<>();
        opened(1, 30).forEach((id, t) -> changed.put(id, t.withNeedsHuman(true, "approve?")));
        model.update(changed, Map.of());

        assertThat(kinds).isNotEmpty().containsOnly("updated");
        assertThat(table.get(0).id()).isEqualTo("INC-030");
        assertThat(table.get(0).ticket().needsHuman()).isTrue();
    }

    @Test
    void aRejoinsSnapshot_updatesTheRowsListedInPlace_andAddsTheNewerOnes_soTheTableKeepsItsSelection() {
        TicketsViewModel model = new TicketsViewModel();
        model.update(opened(1, 30), Map.of());
        InPlaceUpdates<TicketRow> table = new InPlaceUpdates<>(model.visibleRows());
        List<String> kinds = new ArrayList<>();
        table.addListener((ListChangeListener<TicketRow>) c -> {
            while (c.next()) {
                kinds.add(c.wasUpdated() ? "updated" : c.wasRemoved() ? "removed" : "added");
            }
        });

        List<Ticket> snapshot = new ArrayList<>();
        opened(1, 30).values().forEach(t -> snapshot.add(t.withNeedsHuman(true, "approve?")));
        snapshot.addAll(opened(31, 1).values());
        model.load(snapshot);

        assertThat(kinds).as("no row removed: a selection on one stays").doesNotContain("removed")
                .contains("updated", "added");
        assertThat(model.rows()).hasSize(31);
        assertThat(model.row("INC-007").orElseThrow().ticket().needsHuman()).isTrue();

        kinds.clear();
        model.load(List.copyOf(opened(40, 2).values()));
        assertThat(kinds).as("another board (reset elsewhere): replaced").contains("removed");
        assertThat(model.rows()).extracting(TicketRow::id).containsExactly("INC-040", "INC-041");
    }
}
