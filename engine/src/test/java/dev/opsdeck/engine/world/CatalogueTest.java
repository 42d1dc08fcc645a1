package dev.opsdeck.engine.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The world's incident look-ups go through an index: the same answers a scan of the catalogue in order gave. */
class CatalogueTest {

    private static Incident incident(String key, String system, String issue, String title) {
        return new Incident(key, system, issue, "sev2", title, List.of(), "{id} " + issue, "", Map.of(), Map.of(),
                List.of());
    }

    private static World world(List<Incident> incidents) {
        return new World(List.of(new World.SystemInfo("web-1", "web · nginx", "ok"),
                new World.SystemInfo("db-1", "db", "ok"), new World.SystemInfo("odd", " ·storage", "ok")),
                Map.of(), incidents, Map.of(), Map.of());
    }

    @Test
    void aThousandIncidents_eachFoundByKeyAndBySystemAndIssue_theFirstWinningATie() {
        List<Incident> all = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            all.add(incident("k" + i, "web-1", "issue_" + i, "first " + i));
        }
        all.add(incident("k7", "db-1", "other", "second k7"));
        all.add(incident("again", "web-1", "issue_9", "second issue_9"));
        World w = world(all);

        assertThat(w.incidents()).containsExactlyElementsOf(all);
        assertThat(w.incident("k999").orElseThrow().title()).isEqualTo("first 999");
        assertThat(w.incident("k7").orElseThrow().title()).isEqualTo("first 7");
        assertThat(w.incident("nope")).isEmpty();
        assertThat(w.incident(null)).isEmpty();
        assertThat(w.incidentFor("web-1", "issue_9").title()).isEqualTo("first 9");
        assertThat(w.incidentFor("db-1", "other").title()).isEqualTo("second k7");
        assertThat(w.incidentFor("web-1", "other").isCustom()).isTrue();
        assertThat(w.incidentFor("web-1", "other").kickoff()).contains("other on web-1");
    }

    @Test
    void theCatalogue_isAnEqualImmutableList() {
        List<Incident> all = List.of(incident("a", "web-1", "x", "A"), incident("b", "db-1", "y", "B"));
        World w = world(new ArrayList<>(all));
        assertThat(w.incidents()).isEqualTo(all).hasSameHashCodeAs(all);
        assertThat(w).isEqualTo(world(all));
        assertThat(w.defaultIncident().key()).isEqualTo("a");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.incidents().add(all.get(0)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aSystemsDomain_isItsKindUpToTheFirstSpaceOrDot() {
        World w = world(List.of(incident("a", "web-1", "x", "A")));
        assertThat(w.domainOf("web-1")).isEqualTo("web");
        assertThat(w.domainOf("db-1")).isEqualTo("db");
        assertThat(w.domainOf("odd")).isEmpty();
        assertThat(w.domainOf("unknown")).isEmpty();
    }
}
