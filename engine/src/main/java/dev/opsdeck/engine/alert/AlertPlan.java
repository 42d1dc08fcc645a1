package dev.opsdeck.engine.alert;

import dev.opsdeck.engine.ticket.Tickets.Opening;
import dev.opsdeck.engine.ticket.Ticket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * What a delivery would do, decided before anything is written, so it is applied whole or not at all. Pure: the
 * tickets it consults come in through {@code byFingerprint}.
 * <ul>
 * <li>firing, no ticket for the fingerprint → a new ticket;</li>
 * <li>firing, its ticket open, same {@code startsAt} → nothing (a retry, or Alertmanager's repeat);</li>
 * <li>firing, its ticket open, a new {@code startsAt} → a history line {@code alert fired again at …};</li>
 * <li>firing, its ticket closed, same {@code startsAt} → nothing (that ticket handled this very firing);</li>
 * <li>resolved → a history line {@code alert resolved at …} on its ticket, once.</li>
 * </ul>
 */
public final class AlertPlan {

    /** In delivery order: which opening, ticket or refusal each notice became. */
    private sealed interface Step permits Opens, Touches, Ignores {
    }

    private record Opens(int index) implements Step {
    }

    private record Touches(String ticketId) implements Step {
    }

    private record Ignores(String fingerprint, String reason) implements Step {
    }

    private final List<Opening> openings = new ArrayList<>();
    private final Map<String, List<UnaryOperator<Ticket>>> changes = new LinkedHashMap<>();
    private final List<Step> steps = new ArrayList<>();

    private AlertPlan() {
    }

    public static AlertPlan of(List<AlertNotice> notices, Function<String, Optional<Ticket>> byFingerprint) {
        AlertPlan plan = new AlertPlan();
        Map<String, Integer> openedHere = new HashMap<>();
        Map<String, Ticket> seen = new HashMap<>();
        for (AlertNotice n : notices) {
            String fp = n.fingerprint();
            if (n.system().isEmpty()) {
                plan.steps.add(new Ignores(fp, "no instance, host, service or job label: no system to open a ticket on"));
                continue;
            }
            if (openedHere.containsKey(fp)) {
                plan.steps.add(new Ignores(fp, n.firing() ? "repeated in this delivery" : "resolved in the same delivery that opened it"));
                continue;
            }
            Optional<Ticket> found = Optional.ofNullable(seen.get(fp)).or(() -> byFingerprint.apply(fp));
            if (n.firing()) {
                plan.firing(n, found, openedHere, seen);
            } else {
                plan.resolved(n, found, seen);
            }
        }
        return plan;
    }

    private void firing(AlertNotice n, Optional<Ticket> found, Map<String, Integer> openedHere, Map<String, Ticket> seen) {
        String fp = n.fingerprint();
        if (found.isPresent()) {
            Ticket t = found.get();
            boolean sameFiring = t.alert().startsAt().equals(n.alert().startsAt());
            if (sameFiring) {
                steps.add(new Ignores(fp, t.status().terminal()
                        ? "this firing was already handled by " + t.id() + " (" + t.status().label() + ")"
                        : "already open as " + t.id() + ": nothing new"));
                return;
            }
            if (!t.status().terminal()) {
                String line = "alert fired again at " + n.alert().startsAt();
                Ticket after = t.withNote(line).withAlert(t.alert().since(n.alert().startsAt()));
                seen.put(fp, after);
                change(t.id(), x -> x.withNote(line).withAlert(x.alert().since(n.alert().startsAt())));
                steps.add(new Touches(t.id()));
                return;
            }
        }
        openedHere.put(fp, openings.size());
        steps.add(new Opens(openings.size()));
        openings.add(new Opening(n.system(), n.issue(), n.sev(), n.alert(), List.of()));
    }

    private void resolved(AlertNotice n, Optional<Ticket> found, Map<String, Ticket> seen) {
        String fp = n.fingerprint();
        if (found.isEmpty()) {
            steps.add(new Ignores(fp, "resolved, and no ticket in view was opened for it"));
            return;
        }
        Ticket t = found.get();
        String line = "alert resolved at " + (n.endsAt().isEmpty() ? "(no endsAt given)" : n.endsAt());
        if (t.history().contains(line)) {
            steps.add(new Ignores(fp, "already noted on " + t.id()));
            return;
        }
        seen.put(fp, t.withNote(line));
        change(t.id(), x -> x.withNote(line));
        steps.add(new Touches(t.id()));
    }

    private void change(String ticketId, UnaryOperator<Ticket> op) {
        changes.computeIfAbsent(ticketId, k -> new ArrayList<>()).add(op);
    }

    public List<Opening> openings() {
        return List.copyOf(openings);
    }

    /** Per ticket, the changes to apply in order. */
    public Map<String, UnaryOperator<Ticket>> changes() {
        Map<String, UnaryOperator<Ticket>> out = new LinkedHashMap<>();
        changes.forEach((id, ops) -> out.put(id, t -> {
            Ticket x = t;
            for (UnaryOperator<Ticket> op : ops) {
                x = op.apply(x);
            }
            return x;
        }));
        return out;
    }

    /** The reply, once the openings have their ids (in the order of {@link #openings()}). */
    public AlertReceipt receipt(List<String> openedIds) {
        List<String> tickets = new ArrayList<>();
        List<AlertReceipt.Ignored> ignored = new ArrayList<>();
        for (Step s : steps) {
            if (s instanceof Opens o) {
                tickets.add(openedIds.get(o.index()));
            } else if (s instanceof Touches t) {
                if (!tickets.contains(t.ticketId())) {
                    tickets.add(t.ticketId());
                }
            } else if (s instanceof Ignores i) {
                ignored.add(new AlertReceipt.Ignored(i.fingerprint(), i.reason()));
            }
        }
        return new AlertReceipt(tickets, ignored);
    }
}
