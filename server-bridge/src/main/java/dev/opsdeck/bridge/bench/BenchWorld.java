package dev.opsdeck.bridge.bench;

import dev.opsdeck.engine.world.Incident;
import dev.opsdeck.engine.world.World;
import java.util.ArrayList;
import java.util.List;

/**
 * The world with its catalogue repeated under distinct issues: every inject of a run is then a fresh incident that
 * runs both stages (the same system and issue twice would end early as a duplicate).
 */
final class BenchWorld {

    private BenchWorld() {
    }

    static World of(World base, int incidents) {
        List<Incident> catalogue = base.incidents();
        List<Incident> out = new ArrayList<>(incidents);
        for (int i = 0; i < incidents; i++) {
            Incident b = catalogue.get(i % catalogue.size());
            out.add(new Incident(key(i), b.system(), b.issue() + "_run" + i, b.sev(), b.title(), b.errorLogs(),
                    b.kickoff(), b.description(), b.hosts(), b.probes(), b.remediation()));
        }
        return new World(base.systems(), base.ambientLogs(), out, base.probes(), base.playbooks());
    }

    static String key(int i) {
        return "bench_" + i;
    }
}
