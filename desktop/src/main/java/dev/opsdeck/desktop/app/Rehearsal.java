package dev.opsdeck.desktop.app;

import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.agent.ToolSpec;
import dev.opsdeck.engine.agent.Tools;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Level;
import dev.opsdeck.engine.event.Outcome;
import dev.opsdeck.engine.event.Published;
import dev.opsdeck.engine.ticket.Status;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Envelope;
import dev.opsdeck.engine.workflow.Stage;
import dev.opsdeck.engine.world.Incident;
import dev.opsdeck.engine.world.World;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;

/**
 * Before the window shows, the console plays a short made-up incident stream through its own ViewModels, lays the
 * scene out after each step, and resets.
 *
 * <p>Why: otherwise the first burst after opening builds every table row, log line, card and the sign-off panel,
 * finds their styles and runs the code that draws them for the first time, all in the burst's first frames (50-90
 * ms of work each on two cores, against 10-30 ms once done). Nothing of it reaches the engine, the journal or the
 * bridge, and it ends with the same Reset the engine sends when a run is reset; what it leaves is cells, skins and
 * compiled code. It happens once per window, before the engine subscription starts, so no real event waits on it.
 */
final class Rehearsal {

    /** Enough tickets to fill the table, the log and the cards, and to shift them a few times. */
    static final int TICKETS = 40;
    private static final int STEPS = 8;

    private Rehearsal() {
    }

    static void run(ConsoleViewModel console, Scene scene) {
        List<List<EngineEvent>> steps = script(console.monitoring().world());
        Parent root = scene.getRoot();
        root.resize(scene.getWidth(), scene.getHeight());
        // Skins are made by the first CSS pass, and the split panes' parts join the scene graph with them.
        layout(root);
        // A sign-off brings the Remediation tab forward; the operator finds the tab they left.
        TabPane tabs = (TabPane) root.lookup("#workflow-tabs");
        int tab = tabs.getSelectionModel().getSelectedIndex();
        long seq = 0;
        double ts = System.currentTimeMillis() / 1000.0 - 60;
        for (List<EngineEvent> step : steps) {
            List<Published> batch = new ArrayList<>();
            for (EngineEvent e : step) {
                batch.add(new Published(++seq, ts += 0.01, e));
            }
            console.apply(batch);
            console.publishAll();
            layout(root);
        }
        console.apply(List.of(new Published(++seq, ts, new EngineEvent.Reset())));
        tabs.getSelectionModel().select(tab);
        layout(root);
    }

    private static void layout(Node root) {
        root.applyCss();
        ((Parent) root).layout();
    }

    /** {@link #STEPS} batches: tickets open, diagnose, remediate (one asking for a sign-off) and close, with logs. */
    static List<List<EngineEvent>> script(World world) {
        List<Incident> incidents = world.incidents();
        List<List<EngineEvent>> steps = new ArrayList<>();
        for (int s = 0; s < STEPS; s++) {
            steps.add(new ArrayList<>());
        }
        for (int k = 0; k < TICKETS; k++) {
            Incident inc = incidents.isEmpty() ? null : incidents.get(k % incidents.size());
            Ticket t = Ticket.open(Ticket.idFor(9000 + k), inc == null ? "system-" + k : inc.system(),
                    inc == null ? "issue_" + k : inc.issue(), "sev" + (1 + k % 3), 0);
            String errorLine = inc == null || inc.errorLogs().isEmpty() ? "error on " + t.system()
                    : inc.errorLogs().get(0);
            // Tickets start over the first half of the steps and each takes four steps to run its course.
            int first = k * (STEPS / 2) / TICKETS;
            opened(steps.get(first), t, errorLine);
            Ticket diagnosed = t.withDiagnosis("root cause", "high", List.of("restart the service"))
                    .withStatus(Status.REMEDIATION_RECOMMENDED, "diagnosed");
            diagnosed(steps.get(first + 1), diagnosed);
            remediating(steps.get(first + 2), diagnosed, k == 0);
            resolved(steps.get(first + 3), diagnosed, k == 0);
        }
        return steps;
    }

    private static void opened(List<EngineEvent> step, Ticket t, String errorLine) {
        String ch = t.id() + ".diagnosis";
        step.add(new EngineEvent.TicketCreated(t));
        step.add(new EngineEvent.ChannelOpened(ch, t.id(), Stage.DIAGNOSIS));
        step.add(post(Envelope.text(ch, 1, Agent.TICKET_BOT.displayName(), "kickoff", 0)));
        step.add(post(packet(ch, 2, Agent.INTAKE_LOOKUP, Tools.LIST_RECENT_TICKETS, Map.of(), "none")));
        step.add(post(packet(ch, 3, Agent.INTAKE_DECIDE, Tools.PROCEED_TO_TRIAGE, Map.of(), "go")));
        step.add(post(packet(ch, 4, Agent.TRIAGE, Tools.ASSIGN_SPECIALISTS,
                Map.of("specialists", List.of("web", "storage")), "both")));
        step.add(new EngineEvent.LogLine(t.system(), errorLine, Level.ERROR));
        step.add(new EngineEvent.LogLine("monitor", "health check degraded on " + t.system(), Level.WARN));
    }

    private static void diagnosed(List<EngineEvent> step, Ticket t) {
        String ch = t.id() + ".diagnosis";
        step.add(post(packet(ch, 5, Agent.WEB, Tools.SUBMIT_FINDINGS, Map.of(), "web")));
        step.add(post(packet(ch, 6, Agent.STORAGE, Tools.SUBMIT_FINDINGS, Map.of(), "storage")));
        step.add(post(packet(ch, 7, Agent.RCA, Tools.SUBMIT_RCA, Map.of(), "rca")));
        step.add(post(packet(ch, 8, Agent.REMEDIATION, Tools.POST_RECOMMENDATIONS, Map.of(), "steps")));
        step.add(new EngineEvent.TicketChanged(t));
        step.add(new EngineEvent.ChannelClosed(ch, "remediation_recommended"));
        step.add(new EngineEvent.LogLine("opsdeck", "diagnosis of " + t.id() + " done", Level.INFO));
    }

    private static void remediating(List<EngineEvent> step, Ticket t, boolean signOff) {
        String ch = t.id() + ".remediation";
        step.add(new EngineEvent.ChannelOpened(ch, t.id(), Stage.REMEDIATION));
        step.add(post(Envelope.text(ch, 1, Agent.REM_BOT.displayName(), "go", 0)));
        step.add(post(packet(ch, 2, Agent.REM_TRIAGE, Tools.ASSIGN_FIXERS,
                Map.of("fixers", List.of("infra", "human")), "fixers")));
        step.add(new EngineEvent.TicketChanged(t.withStatus(Status.REMEDIATING, "fixing")
                .withNeedsHuman(true, "approve the restart?")));
        if (signOff) {
            step.add(new EngineEvent.SignOffRequested(ch, t.id(), List.of("infra", "human"), "root cause",
                    List.of("restart the service"), "approve the restart?", System.currentTimeMillis() / 1000.0 + 300));
        }
    }

    private static void resolved(List<EngineEvent> step, Ticket t, boolean signOff) {
        String ch = t.id() + ".remediation";
        if (signOff) {
            step.add(new EngineEvent.SignOffResolved(ch, "Human sign-off: APPROVED.", Outcome.APPROVED, "rehearsal"));
        }
        step.add(post(packet(ch, 3, Agent.INFRA, Tools.SUBMIT_FIX, Map.of(), "done")));
        step.add(post(Envelope.text(ch, 4, Agent.HUMAN.displayName(), "APPROVE", 0)));
        step.add(post(packet(ch, 5, Agent.RESOLVER, Tools.CLOSE_TICKET, Map.of(), "resolved")));
        step.add(new EngineEvent.TicketChanged(t.withStatus(Status.RESOLVED, "resolved").withResolution("restarted")));
        step.add(new EngineEvent.ChannelClosed(ch, "resolved"));
    }

    /** A routing post of the real pipeline's agents and tools, so the rehearsal builds what a run will show. */
    private static Envelope packet(String ch, int n, Agent agent, ToolSpec tool, Map<String, Object> args, String body) {
        return Envelope.packet(ch, n, agent.displayName(), tool.name(), args, body, "rules", 0);
    }

    private static EngineEvent post(Envelope e) {
        return new EngineEvent.EnvelopePosted(e);
    }
}
