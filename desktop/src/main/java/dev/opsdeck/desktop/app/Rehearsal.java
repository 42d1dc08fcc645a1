package dev.opsdeck.desktop.app;

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
        step.add(post(Envelope.text(ch, 1, "TicketBot", "kickoff", 0)));
        step.add(post(Envelope.packet(ch, 2, "IntakeLookup", "list_recent_tickets", Map.of(), "none", "rules", 0)));
        step.add(post(Envelope.packet(ch, 3, "IntakeDecide", "proceed_to_triage", Map.of(), "go", "rules", 0)));
        step.add(post(Envelope.packet(ch, 4, "Triage", "assign_specialists",
                Map.of("specialists", List.of("web", "storage")), "both", "rules", 0)));
        step.add(new EngineEvent.LogLine(t.system(), errorLine, Level.ERROR));
        step.add(new EngineEvent.LogLine("monitor", "health check degraded on " + t.system(), Level.WARN));
    }

    private static void diagnosed(List<EngineEvent> step, Ticket t) {
        String ch = t.id() + ".diagnosis";
        step.add(post(Envelope.packet(ch, 5, "Web", "submit_findings", Map.of(), "web", "rules", 0)));
        step.add(post(Envelope.packet(ch, 6, "Storage", "submit_findings", Map.of(), "storage", "rules", 0)));
        step.add(post(Envelope.packet(ch, 7, "RCA", "submit_rca", Map.of(), "rca", "rules", 0)));
        step.add(post(Envelope.packet(ch, 8, "Remediation", "recommend", Map.of(), "steps", "rules", 0)));
        step.add(new EngineEvent.TicketChanged(t));
        step.add(new EngineEvent.ChannelClosed(ch, "remediation_recommended"));
        step.add(new EngineEvent.LogLine("opsdeck", "diagnosis of " + t.id() + " done", Level.INFO));
    }

    private static void remediating(List<EngineEvent> step, Ticket t, boolean signOff) {
        String ch = t.id() + ".remediation";
        step.add(new EngineEvent.ChannelOpened(ch, t.id(), Stage.REMEDIATION));
        step.add(post(Envelope.text(ch, 1, "RemBot", "go", 0)));
        step.add(post(Envelope.packet(ch, 2, "RemTriage", "assign_fixers",
                Map.of("fixers", List.of("infra", "human")), "fixers", "rules", 0)));
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
        step.add(post(Envelope.packet(ch, 3, "Infra", "apply_fix", Map.of(), "done", "rules", 0)));
        step.add(post(Envelope.text(ch, 4, "Human", "APPROVE", 0)));
        step.add(post(Envelope.packet(ch, 5, "Resolver", "close_ticket", Map.of(), "resolved", "rules", 0)));
        step.add(new EngineEvent.TicketChanged(t.withStatus(Status.RESOLVED, "resolved").withResolution("restarted")));
        step.add(new EngineEvent.ChannelClosed(ch, "resolved"));
    }

    private static EngineEvent post(Envelope e) {
        return new EngineEvent.EnvelopePosted(e);
    }
}
