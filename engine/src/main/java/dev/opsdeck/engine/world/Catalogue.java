package dev.opsdeck.engine.world;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * The world's incidents, in file order, indexed by key and by system and issue. The offline rules look a ticket's
 * incident up on every agent turn; a catalogue of a thousand incidents (a generated world) made that a scan of a
 * thousand records per turn. The first incident wins where two share a key or a system and issue, as a scan would.
 */
final class Catalogue extends AbstractList<Incident> implements RandomAccess {

    private final List<Incident> incidents;
    private final Map<String, Incident> byKey = new HashMap<>();
    private final Map<String, Incident> bySystemIssue = new HashMap<>();

    private Catalogue(List<Incident> incidents) {
        this.incidents = List.copyOf(incidents);
        for (Incident i : this.incidents) {
            byKey.putIfAbsent(i.key(), i);
            bySystemIssue.putIfAbsent(systemIssue(i.system(), i.issue()), i);
        }
    }

    static Catalogue of(List<Incident> incidents) {
        return incidents instanceof Catalogue c ? c : new Catalogue(incidents);
    }

    Incident byKey(String key) {
        return byKey.get(key);
    }

    Incident bySystemIssue(String system, String issue) {
        return bySystemIssue.get(systemIssue(system, issue));
    }

    // A system id and an issue key never hold a NUL: the pair is unambiguous.
    private static String systemIssue(String system, String issue) {
        return system + '\u0000' + issue;
    }

    @Override
    public Incident get(int index) {
        return incidents.get(index);
    }

    @Override
    public int size() {
        return incidents.size();
    }
}
