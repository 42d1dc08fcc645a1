package dev.opsdeck.engine.runbook;

import dev.opsdeck.engine.ticket.Ticket;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Which tickets an action is proposed for: every key given must match (alert labels, issue, system). */
public record Match(Map<String, List<String>> labels, List<String> issues, List<Pattern> systems) {

    public Match {
        labels = Map.copyOf(labels);
        issues = List.copyOf(issues);
        systems = List.copyOf(systems);
    }

    boolean empty() {
        return labels.isEmpty() && issues.isEmpty() && systems.isEmpty();
    }

    boolean fits(Ticket t) {
        if (!issues.isEmpty() && !issues.contains(t.issue())) {
            return false;
        }
        if (!systems.isEmpty() && systems.stream().noneMatch(p -> p.matcher(t.system()).matches())) {
            return false;
        }
        for (Map.Entry<String, List<String>> e : labels.entrySet()) {
            String v = t.alert() == null ? null : t.alert().labels().get(e.getKey());
            if (v == null || !e.getValue().contains(v)) {
                return false;
            }
        }
        return true;
    }
}
