package dev.opsdeck.desktop.signoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.desktop.fx.ManualCommands;
import dev.opsdeck.desktop.fx.Pacer;
import dev.opsdeck.desktop.tickets.ActionLines;
import dev.opsdeck.desktop.tickets.IncidentReport;
import dev.opsdeck.engine.event.EngineEvent.SignOffRequested;
import dev.opsdeck.engine.ticket.ActionRecord;
import dev.opsdeck.engine.ticket.ActionRecord.State;
import dev.opsdeck.engine.ticket.Ticket;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the operator approves is shown exactly, with its dry run and its track record; afterwards, what happened. */
class ActionsOnThePanelTest {

    static final ActionRecord FREE = ActionRecord.proposed("free_fill_file", "Remove the fill file", "disruptive",
            "/usr/bin/rm -v /mnt/data/fill", "d1", true, new ActionRecord.DryRun(0, "5.9M\t/mnt/data\n"));

    @Test
    void theRequest_listsEachActionAsItRuns_withItsDryRun_andHowItFaredBefore() {
        Ticket earlier = Ticket.open("INC-031", "h", "NodeFilesystemAlmostFull", "sev2", 1)
                .withActions(List.of(FREE.as(State.NOT_APPROVED, "not run: rejected by bob")));
        Ticket ok = Ticket.open("INC-030", "h", "NodeFilesystemAlmostFull", "sev2", 0)
                .withActions(List.of(FREE.approved("alice").finished(true, 0, 12, "", true, null, 1)));
        Ticket now = Ticket.open("INC-040", "h", "NodeFilesystemAlmostFull", "sev2", 2).withActions(List.of(FREE));
        SignOffViewModel model = new SignOffViewModel((c, v, n, b) -> null, new ManualCommands(),
                id -> Optional.of(now), () -> List.of(ok, earlier, now), Pacer.immediate());

        model.requested(new SignOffRequested("INC-040.remediation", "INC-040", List.of("human"), "full",
                List.of("free it"), "sign?", 1e12, List.of(FREE)), 0);

        assertThat(ActionLines.toApprove(model.requestProperty().get().actions())).containsExactly(
                "free_fill_file [disruptive]  /usr/bin/rm -v /mnt/data/fill\n    dry run: exit 0: 5.9M\t/mnt/data");
        assertThat(model.trackProperty().get()).isEqualTo("free_fill_file: approved 1 of 2 time(s) before; last not "
                + "approved on INC-031 (rejected by bob)");
    }

    @Test
    void afterwards_theReportsActionsSection_saysWhatRanWhoApprovedAndWhetherItHeld() {
        ActionRecord ran = FREE.approved("alice").started(10).finished(false, 1, 40, "rm: cannot remove 'x'\n", null,
                "exit 1: rm: cannot remove 'x'", 11);
        Ticket t = Ticket.open("INC-041", "h", "NodeFilesystemAlmostFull", "sev2", 0).withActions(List.of(ran));
        String html = IncidentReport.html(t, List.of());
        assertThat(html).contains("<h2>Actions</h2>").contains("free_fill_file [disruptive] failed (approved by alice)"
                + " · exit 1 · exit 1: rm: cannot remove 'x'").contains("/usr/bin/rm -v /mnt/data/fill  (40 ms)");
    }
}
