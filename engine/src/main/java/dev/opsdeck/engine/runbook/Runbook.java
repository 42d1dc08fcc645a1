package dev.opsdeck.engine.runbook;

import dev.opsdeck.engine.ticket.Ticket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The actions OpsDeck may run, from every loaded runbook file. Agents only ever see what {@link #propose} returns;
 * the runner re-resolves an approved action here before it runs it, so a changed runbook runs nothing it did not show.
 */
public final class Runbook {

    public static final Runbook EMPTY = new Runbook(List.of());

    static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][a-z0-9_]*)\\}");

    private final Map<String, Action> actions = new LinkedHashMap<>();

    public Runbook(List<Action> actions) {
        for (Action a : actions) {
            if (this.actions.putIfAbsent(a.id(), a) != null) {
                throw new IllegalArgumentException("action id '" + a.id() + "' is defined twice ("
                        + this.actions.get(a.id()).source() + ", " + a.source() + ")");
            }
        }
    }

    /** This runbook and {@code other}, refused if an id appears in both. */
    public Runbook plus(Runbook other) {
        List<Action> all = new ArrayList<>(actions.values());
        all.addAll(other.actions.values());
        return new Runbook(all);
    }

    public List<Action> actions() {
        return List.copyOf(actions.values());
    }

    public boolean isEmpty() {
        return actions.isEmpty();
    }

    /** What a ticket's remediation may propose, and why each action that matched was not proposed. */
    public record Proposals(List<Proposal> proposed, List<String> refused) {
        public Proposals {
            proposed = List.copyOf(proposed);
            refused = List.copyOf(refused);
        }
    }

    public Proposals propose(Ticket ticket) {
        List<Proposal> proposed = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Action a : actions.values()) {
            if (!a.match().fits(ticket)) {
                continue;
            }
            Resolution r = resolve(a, ticket);
            if (r.proposal != null) {
                proposed.add(r.proposal);
            } else {
                refused.add("action " + a.id() + " not proposed: " + r.refusal);
            }
        }
        return new Proposals(proposed, refused);
    }

    /** The action {@code id} resolved for this ticket now, or why it cannot be. */
    public Resolution resolve(String id, Ticket ticket) {
        Action a = actions.get(id);
        if (a == null) {
            return new Resolution(null, "no action '" + id + "' in the loaded runbooks");
        }
        if (!a.match().fits(ticket)) {
            return new Resolution(null, "action " + id + " no longer matches " + ticket.id());
        }
        return resolve(a, ticket);
    }

    public record Resolution(Proposal proposal, String refusal) {
        public Optional<Proposal> found() {
            return Optional.ofNullable(proposal);
        }
    }

    private static Resolution resolve(Action a, Ticket ticket) {
        Map<String, String> values = new HashMap<>();
        for (Param p : a.params()) {
            Param.Value v = p.valueFor(ticket);
            if (v.refusal() != null) {
                return new Resolution(null, v.refusal());
            }
            values.put(p.name(), v.value());
        }
        return new Resolution(Proposal.of(a, a.run().map(s -> substitute(s, values)),
                a.dryRun() == null ? null : a.dryRun().map(s -> substitute(s, values)),
                a.verify() == null ? null : substitute(a.verify(), values), values), null);
    }

    static String substitute(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            m.appendReplacement(b, Matcher.quoteReplacement(v == null ? m.group() : v));
        }
        m.appendTail(b);
        return b.toString();
    }
}
