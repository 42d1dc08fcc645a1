package dev.opsdeck.engine.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A tool is defined once, with its handler; agents hold those very definitions. */
class ToolsTest {

    /** A desk that says which of its services a handler asked for. */
    static final ToolDesk DESK = new ToolDesk() {
        public String recentTickets(String system, String issue, int lookbackMinutes) {
            return "lookup " + system + "/" + issue + "/" + lookbackMinutes;
        }

        public String worldProbe(String tool, String arg) {
            return "world " + tool + "(" + arg + ")";
        }

        public String metricProbe(String probe, String host) {
            return "prometheus " + probe + "(" + host + ")";
        }

        public String promql(String query) {
            return "promql " + query;
        }

        public String listText(List<String> items) {
            return items.toString();
        }
    };

    @Test
    void everyToolAnAgentHolds_isOneOfTheDefinitionsInTools() throws Exception {
        List<ToolSpec> defined = new ArrayList<>();
        for (Field f : Tools.class.getFields()) {
            defined.add((ToolSpec) f.get(null));
        }
        for (Agent a : Agent.values()) {
            for (ToolSpec t : a.tools()) {
                assertEquals(1, defined.stream().filter(d -> d == t).count(), a + " holds " + t.name());
            }
        }
        assertEquals(defined.size(), defined.stream().map(ToolSpec::name).distinct().count(), "names are unique");
    }

    @Test
    void anAgentFindsByName_exactlyTheToolsItHolds_probesThenRouting() throws Exception {
        for (Agent a : Agent.values()) {
            List<ToolSpec> held = new ArrayList<>(a.probes());
            held.addAll(a.routing());
            assertEquals(held, a.tools(), a + "'s tools");
            for (Field f : Tools.class.getFields()) {
                ToolSpec t = (ToolSpec) f.get(null);
                assertEquals(held.contains(t) ? java.util.Optional.of(t) : java.util.Optional.empty(), a.tool(t.name()),
                        a + " and " + t.name());
            }
            assertEquals(java.util.Optional.empty(), a.tool(null), a + " and no name");
            assertEquals(java.util.Optional.empty(), a.tool("no_such_tool"), a + " and an unknown name");
        }
    }

    @Test
    void eachTool_answersThroughItsOwnHandler() {
        assertEquals("lookup web-01/web_5xx/15", Tools.LIST_RECENT_TICKETS.answer(DESK,
                Map.of("system", "web-01", "issue_type", "web_5xx")));
        assertEquals("world get_pool_health(tank)", Tools.GET_POOL_HEALTH.answer(DESK, Map.of("pool", "tank")));
        assertEquals("prometheus filesystem_readonly(my-web-01)", Tools.RUN_METRIC_PROBE.answer(DESK,
                Map.of("probe", "filesystem_readonly", "host", "my-web-01")));
        assertEquals("promql up", Tools.QUERY_PROMETHEUS.answer(DESK, Map.of("promql", "up")));
        assertEquals("Assigned fixers [infra, human]: r", Tools.ASSIGN_FIXERS.answer(DESK,
                Map.of("fixers", List.of("infra", "human"), "reason", "r")));
    }
}
