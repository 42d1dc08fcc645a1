package dev.opsdeck.desktop.workflow;

import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.workflow.Graph;
import dev.opsdeck.engine.workflow.Stage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Each stage's agents in rail order: the chips before the band, the band's members, the chips after. Read off the
 * stage's graph (its participants in order, its band rule), so the rail shows whatever the pipeline defines.
 */
record Lineup(List<String> before, String bandName, List<String> band, List<String> after) {

    static final Lineup DIAGNOSIS = of(Stage.DIAGNOSIS.graph());
    static final Lineup REMEDIATION = of(Stage.REMEDIATION.graph());

    static Lineup of(Stage stage) {
        return stage == Stage.DIAGNOSIS ? DIAGNOSIS : REMEDIATION;
    }

    static Lineup of(Graph graph) {
        Graph.Target.Band rule = graph.rules().stream().map(Graph.Rule::then)
                .filter(t -> t instanceof Graph.Target.Band).map(t -> (Graph.Target.Band) t).findFirst()
                .orElseThrow(() -> new IllegalStateException("a stage's graph has no band"));
        Collection<Agent> members = rule.nicknames().values();
        List<String> before = new ArrayList<>();
        List<String> band = new ArrayList<>();
        List<String> after = new ArrayList<>();
        for (Agent a : graph.participants()) {
            (members.contains(a) ? band : band.isEmpty() ? before : after).add(a.displayName());
        }
        return new Lineup(before, rule.fromArg(), band, after);
    }
}
