package dev.opsdeck.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.bridge.wire.WireFormat;
import dev.opsdeck.bridge.wire.WireEvents;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.ticket.ActionRecord;
import dev.opsdeck.engine.event.Level;
import dev.opsdeck.engine.event.Outcome;
import dev.opsdeck.engine.event.Published;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Envelope;
import dev.opsdeck.engine.workflow.Stage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every event type's exact bytes: the contract's field names, {@code null} where a field does not apply (never left
 * out), and epoch seconds written plain with a fraction. Golden strings are written with ' for ".
 */
class WireFormatGoldenTest {

    static final double TS = 1763776800.25;
    static final Ticket TICKET = Ticket.open("INC-007", "web-edge-01", "web_5xx", "sev2", 1763776800.5);
    static final String TICKET_JSON = "{'id':'INC-007','system':'web-edge-01','issue':'web_5xx','sev':'sev2',"
            + "'status':'Diagnosing','rca':'','confidence':'','recommendations':[],'parent':null,'resolution':'',"
            + "'history':['created · Diagnosing'],'needs_human':false,'human_prompt':'','created_at':1763776800.5,"
            + "'usage':{'prompt_tokens':0,'output_tokens':0,'model_turns':0}}";

    private static String wire(EngineEvent e) {
        return WireFormat.encode(new Published(42, TS, e));
    }

    private static String golden(String type, String payload) {
        return ("{'type':'" + type + "','payload':" + payload + ",'ts':1763776800.25}").replace('\'', '"');
    }

    @Test
    void ticketCreated_carriesTheWholeTicket() {
        assertThat(wire(new EngineEvent.TicketCreated(TICKET))).isEqualTo(golden("ticket_created", TICKET_JSON));
    }

    @Test
    void ticketStatus_carriesTheWholeTicketAfterTheChange() {
        Ticket t = TICKET.withParent("INC-003").withStatus(dev.opsdeck.engine.ticket.Status.DUPLICATE, "of INC-003");
        assertThat(wire(new EngineEvent.TicketChanged(t))).isEqualTo(golden("ticket_status",
                TICKET_JSON.replace("'Diagnosing','rca'", "'Duplicate','rca'").replace("'parent':null", "'parent':'INC-003'")
                        .replace("['created · Diagnosing']", "['created · Diagnosing','Duplicate · of INC-003']")));
    }

    @Test
    void channelOpened_namesTicketAndStage() {
        assertThat(wire(new EngineEvent.ChannelOpened("c1", "INC-007", Stage.REMEDIATION))).isEqualTo(
                golden("channel_opened", "{'channel_id':'c1','ticket_id':'INC-007','stage':'remediation'}"));
    }

    @Test
    void textEnvelope_hasNullToolFieldsAndNoInternalFields() {
        Envelope e = Envelope.text("c1", 1, "TicketBot", "INC-007 sev2: 502s", TS);
        assertThat(wire(new EngineEvent.EnvelopePosted(e))).isEqualTo(golden("envelope",
                "{'channel_id':'c1','sender_id':'ticketbot@c1','sender':'TicketBot','event_type':'ag2.msg.text',"
                        + "'text':'INC-007 sev2: 502s','tool':null,'tool_args':null,'body':null,'backend':null}"));
    }

    @Test
    void packetEnvelope_hasNullTextAndTheToolsArguments() {
        Envelope e = Envelope.packet("c1", 4, "Triage", "assign_specialists",
                Map.of("specialists", List.of("network", "web"), "reason", "why"), "Routing.", "rules", TS);
        assertThat(wire(new EngineEvent.EnvelopePosted(e))).isEqualTo(golden("envelope",
                "{'channel_id':'c1','sender_id':'triage@c1','sender':'Triage','event_type':'ag2.packet','text':null,"
                        + "'tool':'assign_specialists','tool_args':{'reason':'why','specialists':['network','web']},"
                        + "'body':'Routing.','backend':'rules'}"));
    }

    @Test
    void hitlRequested_hasTheContractFieldsPlusPromptAndDeadline() {
        EngineEvent e = new EngineEvent.SignOffRequested("c2", "INC-007", List.of("infra", "human"), "disk 2",
                List.of("swap disk 2"), "Sign off?", 1763777100.0);
        assertThat(wire(e)).isEqualTo(golden("hitl_requested",
                "{'channel_id':'c2','ticket_id':'INC-007','fixers':['infra','human'],'rca':'disk 2',"
                        + "'recommendations':['swap disk 2'],'prompt':'Sign off?','deadline':1763777100.0,"
                        + "'actions':[],'digest':''}"));
    }

    @Test
    void hitlRequested_showsEachActionExactlyAsItWouldRun_andTheDigestTheApprovalIsBoundTo() {
        ActionRecord a = ActionRecord.proposed("free_fill_file", "Remove the fill file", "disruptive",
                "/usr/bin/rm -v /mnt/data/fill", "d1", true, new ActionRecord.DryRun(0, "5.9M\t/mnt/data"));
        EngineEvent e = new EngineEvent.SignOffRequested("c2", "INC-007", List.of("human"), "full", List.of("free it"),
                "Sign off?", 1763777100.0, List.of(a));
        assertThat(wire(e)).isEqualTo(golden("hitl_requested",
                "{'channel_id':'c2','ticket_id':'INC-007','fixers':['human'],'rca':'full','recommendations':['free it'],"
                        + "'prompt':'Sign off?','deadline':1763777100.0,'actions':[{'id':'free_fill_file',"
                        + "'title':'Remove the fill file','risk':'disruptive','run':'/usr/bin/rm -v /mnt/data/fill',"
                        + "'digest':'d1','needs_signoff':true,'dry_run':{'exit':0,'output':'5.9M\\t/mnt/data'},"
                        + "'state':'proposed'}],'digest':'" + ActionRecord.digestOf(List.of(a)) + "'}"));
        EngineEvent back = new WireEvents().decode("hitl_requested",
                dev.opsdeck.engine.Json.MAPPER.valueToTree(dev.opsdeck.engine.Json.read(wire(e), java.util.Map.class)
                        .get("payload")), TS).orElseThrow();
        assertThat(back).isEqualTo(e);
    }

    @Test
    void hitlResolved_reportsADeclineAsRejectedWithANullDecision() {
        assertThat(wire(new EngineEvent.SignOffResolved("c2", null, Outcome.DECLINED, "client-3"))).isEqualTo(
                golden("hitl_resolved", "{'channel_id':'c2','decision':null,'outcome':'rejected','by':'client-3'}"));
        assertThat(wire(new EngineEvent.SignOffResolved("c2", "DEFER it", Outcome.DEFERRED, "desktop"))).isEqualTo(
                golden("hitl_resolved", "{'channel_id':'c2','decision':'DEFER it','outcome':'deferred','by':'desktop'}"));
    }

    @Test
    void channelClosed_log_simState_reset_injectIgnored_error() {
        assertThat(wire(new EngineEvent.ChannelClosed("c1", "duplicate")))
                .isEqualTo(golden("channel_closed", "{'channel_id':'c1','reason':'duplicate'}"));
        assertThat(wire(new EngineEvent.LogLine("web-edge-01", "GET / 502", Level.ERROR)))
                .isEqualTo(golden("log", "{'service':'web-edge-01','message':'GET / 502','level':'error'}"));
        assertThat(wire(new EngineEvent.SimState(true))).isEqualTo(golden("sim_state", "{'running':true}"));
        assertThat(wire(new EngineEvent.Reset())).isEqualTo(golden("reset", "{}"));
        assertThat(wire(new EngineEvent.InjectIgnored("web_5xx", "debounced")))
                .isEqualTo(golden("inject_ignored", "{'incident':'web_5xx','reason':'debounced'}"));
        assertThat(wire(new EngineEvent.ErrorReported("flow", "INC-007: boom")))
                .isEqualTo(golden("error", "{'where':'flow','detail':'INC-007: boom'}"));
    }

    @Test
    void snapshot_pong_andClientError() {
        assertThat(WireFormat.snapshot(List.of(TICKET), TS)).isEqualTo(golden("snapshot", "{'tickets':[" + TICKET_JSON + "]}"));
        assertThat(WireFormat.pong(TS)).isEqualTo(golden("pong", "{}"));
        assertThat(WireFormat.clientError("bad", TS)).isEqualTo(golden("error", "{'where':'client','detail':'bad'}"));
    }

    @Test
    void wholeSecondTimestamps_stillCarryAFraction() {
        assertThat(WireFormat.encode(new EngineEvent.Reset(), 1763776800.0)).endsWith("\"ts\":1763776800.0}");
        assertThat(WireFormat.encode(new EngineEvent.Reset(), 1763776800.001)).endsWith("\"ts\":1763776800.001}");
    }
}
