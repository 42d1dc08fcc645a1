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
        double deadline = System.currentTimeMillis() / 1000.0 + 300;
        List<List<EngineEvent>> steps = new ArrayList<>();
        for (int s = 0; s < STEPS; s++) {
            steps.add(new ArrayList<>());
        }
        for (int k = 0; k < TICKETS; k++) {
            Incident inc = incidents.isEmpty() ? null : incidents.get(k % incidents.size());
            String system = inc == null ? "system-" + k : inc.system();
            String issue = inc == null ? "issue_" + k : inc.issue();
            Ticket t = Ticket.open(Ticket.idFor(9000 + k), system, issue, "sev" + (1 + k % 3), 0);
            // Tickets start over the first half of the steps and each takes four steps to run its course.
            int first = k * (STEPS / 2) / TICKETS;
            List<EngineEvent> open = steps.get(first);
            List<EngineEvent> diagnosed = steps.get(first + 1);
            List<EngineEvent> remediating = steps.get(first + 2);
            List<EngineEvent> done = steps.get(first + 3);
            String diag = t.id() + ".diagnosis";
            String rem = t.id() + ".remediation";
            open.add(new EngineEvent.TicketCreated(t));
            open.add(new EngineEvent.ChannelOpened(diag, t.id(), Stage.DIAGNOSIS));
            open.add(post(Envelope.text(diag, 1, "TicketBot", "kickoff", 0)));
            open.add(post(Envelope.packet(diag, 2, "IntakeLookup", "list_recent_tickets", Map.of(), "none", "rules", 0)));
            open.add(post(Envelope.packet(diag, 3, "IntakeDecide", "proceed_to_triage", Map.of(), "go", "rules", 0)));
            open.add(post(Envelope.packet(diag, 4, "Triage", "assign_specialists",
                    Map.of("specialists", List.of("web", "storage")), "both", "rules", 0)));
            open.add(new EngineEvent.LogLine(system, inc == null || inc.errorLogs().isEmpty() ? "error on " + system
                    : inc.errorLogs().get(0), Level.ERROR));
            open.add(new EngineEvent.LogLine("monitor", "health check degraded on " + system, Level.WARN));
            diagnosed.add(post(Envelope.packet(diag, 5, "Web", "submit_findings", Map.of(), "web", "rules", 0)));
            diagnosed.add(post(Envelope.packet(diag, 6, "Storage", "submit_findings", Map.of(), "storage", "rules", 0)));
            diagnosed.add(post(Envelope.packet(diag, 7, "RCA", "submit_rca", Map.of(), "rca", "rules", 0)));
            diagnosed.add(post(Envelope.packet(diag, 8, "Remediation", "recommend", Map.of(), "steps", "rules", 0)));
            Ticket diagnosedTicket = t.withDiagnosis("root cause", "high", List.of("restart the service"))
                    .withStatus(Status.REMEDIATION_RECOMMENDED, "diagnosed");
            diagnosed.add(new EngineEvent.TicketChanged(diagnosedTicket));
            diagnosed.add(new EngineEvent.ChannelClosed(diag, "remediation_recommended"));
            diagnosed.add(new EngineEvent.LogLine("opsdeck", "diagnosis of " + t.id() + " done", Level.INFO));
            remediating.add(new EngineEvent.ChannelOpened(rem, t.id(), Stage.REMEDIATION));
            remediating.add(post(Envelope.text(rem, 1, "RemBot", "go", 0)));
            remediating.add(post(Envelope.packet(rem, 2, "RemTriage", "assign_fixers",
                    Map.of("fixers", List.of("infra", "human")), "fixers", "rules", 0)));
            remediating.add(new EngineEvent.TicketChanged(diagnosedTicket.withStatus(Status.REMEDIATING, "fixing")
                    .withNeedsHuman(true, "approve the restart?")));
            if (k == 0) {
                remediating.add(new EngineEvent.SignOffRequested(rem, t.id(), List.of("infra", "human"),
                        "root cause", List.of("restart the service"), "approve the restart?", deadline));
                done.add(new EngineEvent.SignOffResolved(rem, "Human sign-off: APPROVED.", Outcome.APPROVED,
                        "rehearsal"));
            }
            done.add(post(Envelope.packet(rem, 3, "Infra", "apply_fix", Map.of(), "done", "rules", 0)));
            done.add(post(Envelope.text(rem, 4, "Human", "APPROVE", 0)));
            done.add(post(Envelope.packet(rem, 5, "Resolver", "close_ticket", Map.of(), "resolved", "rules", 0)));
            done.add(new EngineEvent.TicketChanged(diagnosedTicket.withStatus(Status.RESOLVED, "resolved")
                    .withResolution("restarted").withNeedsHuman(false, "")));
            done.add(new EngineEvent.ChannelClosed(rem, "resolved"));
        }
        return steps;
    }

    private static EngineEvent post(Envelope e) {
        return new EngineEvent.EnvelopePosted(e);
    }
}
