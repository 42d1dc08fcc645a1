package dev.opsdeck.engine.reasoning.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.EngineConfig;
import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.agent.ToolSpec;
import dev.opsdeck.engine.reasoning.gemini.EngineRun;
import dev.opsdeck.engine.reasoning.gemini.StubGemini.Call;
import dev.opsdeck.engine.reasoning.gemini.StubScript;
import dev.opsdeck.engine.ticket.Status;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Envelope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole incidents reasoned through a chat adapter's real SDK against its local stub server: the flows every adapter
 * must pass, written once. An adapter's test extends this, says how its reasoner and stub are made and how its stub
 * sends each {@link Fault} on its own wire, and keeps only what is particular to its API.
 */
public abstract class ChatFlowContract {

    protected static final Duration WITHIN = Duration.ofSeconds(30);

    /** What a test makes the stub answer instead of the happy path, in words both wires can say. */
    protected sealed interface Fault {
        /** One call of {@code name} with these arguments, whether or not the agent declares it. */
        record ToolCall(String name, Map<String, Object> args) implements Fault {
        }

        /** An answer with nothing in it. */
        record Empty() implements Fault {
        }

        /** Text and no tool call. */
        record TextOnly(String text) implements Fault {
        }

        /** A 429 that asks for a short wait. */
        record RateLimited() implements Fault {
        }

        /** A 5xx: the server is down or overloaded. */
        record ServerError() implements Fault {
        }

        /** The happy answer, after a delay. */
        record Slow(Duration delay) implements Fault {
        }
    }

    @TempDir
    protected Path dir;

    protected ChatReasoner reasoner;

    /** Starts the adapter's stub server (before each test). */
    protected abstract void startStub();

    /** Stops it (after each test). */
    protected abstract void stopStub();

    /** The adapter's reasoner on these settings. */
    protected abstract ChatReasoner reasoner(ChatSettings settings);

    /** The adapter's defaults, pointed at the stub. */
    protected abstract ChatSettings defaults();

    /** The adapter's name as its turns carry it ({@code gemini}, {@code openai}). */
    protected abstract String label();

    /** The model every agent is asked on unless told otherwise. */
    protected abstract String model();

    /** Another model the adapter's server offers, for one agent to be asked on. */
    protected abstract String otherModel();

    /** What a turn's fallback says of {@link Fault.ServerError} after its attempts, e.g. {@code 503 UNAVAILABLE}. */
    protected abstract String serverErrorSaid();

    /** Every request the stub heard, read the same way for every adapter. */
    protected abstract List<Call> calls();

    /** From now on, calls that match {@code when} are answered with {@code fault}; the rest with the happy path. */
    protected abstract void answer(Predicate<Call> when, Fault fault);

    @BeforeEach
    void startStubAndReasoner() {
        startStub();
        reasoner = reasoner(settings());
    }

    @AfterEach
    void stopReasonerAndStub() {
        reasoner.close();
        stopStub();
    }

    protected final String backend() {
        return label() + " · " + model();
    }

    /** Short timeouts and back-offs: the policy is the same, only faster. */
    protected final ChatSettings settings() {
        return defaults().withTimeout(Duration.ofSeconds(5)).withAttempts(2)
                .withBackoff(Duration.ofMillis(10), Duration.ofMillis(100));
    }

    protected final void use(ChatSettings s) {
        reasoner.close();
        reasoner = reasoner(s);
    }

    protected final EngineRun run() {
        return new EngineRun(EngineConfig.defaults(dir.resolve(label())).withReasoner(reasoner));
    }

    protected final List<Call> callsOf(Agent agent) {
        return calls().stream().filter(c -> c.agent() == agent).toList();
    }

    @Test
    void aFullFlow_hasTheOfflineFlowsShape_andCountsItsModelTurnsAndTokens() throws Exception {
        List<String> offline;
        try (EngineRun run = new EngineRun(EngineConfig.defaults(dir.resolve("offline")))) {
            String id = run.inject("web_5xx");
            run.awaitTerminal(id, WITHIN);
            offline = shape(run.envelopes(id));
        }
        try (EngineRun run = run()) {
            String id = run.inject("web_5xx");
            Ticket t = run.awaitTerminal(id, WITHIN);
            List<Envelope> envs = run.envelopes(id);

            assertThat(shape(envs)).isEqualTo(offline);
            assertThat(run.errors()).isEmpty();
            assertThat(envs).filteredOn(ChatFlowContract::reasoned).extracting(Envelope::backend)
                    .containsOnly(backend());
            assertThat(envs).filteredOn(e -> e.sender().equals("Runner")).extracting(Envelope::backend)
                    .containsOnly("runner");
            assertThat(envs).filteredOn(e -> e.sender().equals("Resolver")).singleElement()
                    .extracting(Envelope::tool).isEqualTo("close_ticket");
            assertThat(t.status()).isEqualTo(Status.RESOLVED);
            int modelTurns = (int) envs.stream().filter(ChatFlowContract::reasoned).count();
            int calls = calls().size();
            assertThat(t.usage().modelTurns()).isEqualTo(modelTurns);
            assertThat(t.usage().promptTokens()).isEqualTo((long) calls * StubScript.PROMPT_TOKENS);
            assertThat(t.usage().outputTokens()).isEqualTo((long) calls * StubScript.OUTPUT_TOKENS);
        }
    }

    @Test
    void everyRequest_carriesOnlyItsAgentsTools_itsSystemInstruction_andTheModel() throws Exception {
        try (EngineRun run = run()) {
            run.awaitTerminal(run.inject("web_5xx"), WITHIN);
        }
        assertThat(calls()).isNotEmpty();
        Set<Agent> seen = calls().stream().map(Call::agent).collect(Collectors.toSet());
        assertThat(seen).doesNotContainNull().contains(Agent.INTAKE_LOOKUP, Agent.TRIAGE, Agent.WEB, Agent.RESOLVER);
        for (Call call : calls()) {
            Set<String> own = call.agent().tools().stream().map(ToolSpec::name).collect(Collectors.toSet());
            assertThat(call.tools()).as(call.agent() + "'s declared tools").isEqualTo(own);
            assertThat(call.systemInstruction()).as(call.agent() + "'s system instruction")
                    .isEqualTo(Instructions.of(call.agent())).startsWith("You are " + call.agent().displayName() + ",");
            assertThat(call.model()).isEqualTo(model());
        }
        // IntakeLookup can only look up: the structural split of the original.
        assertThat(callsOf(Agent.INTAKE_LOOKUP)).allSatisfy(c -> assertThat(c.tools())
                .containsExactly("list_recent_tickets"));
    }

    @Test
    void anAgentWithItsOwnModel_isAskedOnThatModel_andItsTurnsSaySo() throws Exception {
        use(settings().withAgentModels(Map.of("RCA", otherModel())));
        try (EngineRun run = run()) {
            String id = run.inject("web_5xx");
            run.awaitTerminal(id, WITHIN);
            assertThat(run.envelopes(id)).filteredOn(e -> e.sender().equals("RCA")).extracting(Envelope::backend)
                    .containsExactly(label() + " · " + otherModel());
        }
        assertThat(callsOf(Agent.RCA)).extracting(Call::model).containsOnly(otherModel());
        assertThat(callsOf(Agent.TRIAGE)).extracting(Call::model).containsOnly(model());
    }

    @Test
    void theSameIncidentTwice_isClosedAsADuplicateByTheModel() throws Exception {
        try (EngineRun run = run()) {
            String first = run.inject("web_5xx");
            run.awaitTerminal(first, WITHIN);
            String second = run.inject("web_5xx");
            Ticket dup = run.awaitTerminal(second, WITHIN);

            assertThat(dup.status()).isEqualTo(Status.DUPLICATE);
            assertThat(dup.parent()).isEqualTo(first);
            assertThat(shape(run.envelopes(second))).containsExactly("TicketBot:text",
                    "IntakeLookup:list_recent_tickets", "IntakeDecide:mark_as_duplicate");
            assertThat(run.envelopes(second)).filteredOn(Envelope::isPacket).extracting(Envelope::backend)
                    .containsOnly(backend());
            assertThat(run.errors()).isEmpty();
        }
    }

    @Test
    void a429ThenSuccess_isRetriedWithoutFallingBack() throws Exception {
        answer(c -> c.agent() == Agent.TRIAGE && c.nthOfAgent() == 1, new Fault.RateLimited());
        try (EngineRun run = run()) {
            String id = run.inject("web_5xx");
            run.awaitTerminal(id, WITHIN);

            assertThat(callsOf(Agent.TRIAGE)).hasSize(2);
            assertThat(packet(run, id, "Triage").backend()).isEqualTo(backend());
            assertThat(run.errors()).isEmpty();
        }
    }

    @Test
    void a5xxEveryTime_fallsBackToTheRules_saysItInTheEnvelope_andTheTicketStillEnds() throws Exception {
        answer(c -> true, new Fault.ServerError());
        try (EngineRun run = run()) {
            String id = run.inject("web_5xx");
            Ticket t = run.awaitTerminal(id, WITHIN);

            assertThat(t.status().terminal()).isTrue();
            List<Envelope> packets = run.envelopes(id).stream().filter(ChatFlowContract::reasoned).toList();
            assertThat(packets).isNotEmpty().allSatisfy(e -> {
                assertThat(e.backend()).isEqualTo("rules (fallback)");
                assertThat(e.body()).endsWith("(rules fallback: model call failed after 2 attempt(s): "
                        + serverErrorSaid() + ")");
            });
            assertThat(callsOf(Agent.INTAKE_LOOKUP)).hasSize(2);
            String status = serverErrorSaid().substring(0, 3);
            assertThat(run.errors()).hasSize(packets.size()).allSatisfy(e -> assertThat(e).contains(status));
        }
    }

    @Test
    void aMalformedArgument_isCorrectedOnTheSecondAsk() throws Exception {
        answer(c -> c.agent() == Agent.TRIAGE && !c.toldOfError(), new Fault.ToolCall("assign_specialists",
                Map.of("specialists", List.of("database"), "reason", "guess")));
        try (EngineRun run = run()) {
            String id = run.inject("web_5xx");
            run.awaitTerminal(id, WITHIN);

            List<Call> triage = callsOf(Agent.TRIAGE);
            assertThat(triage).hasSize(2);
            assertThat(triage.get(1).body().toString()).contains("unknown nickname 'database'");
            Envelope posted = packet(run, id, "Triage");
            assertThat(posted.backend()).isEqualTo(backend());
            assertThat(posted.toolArgs().get("specialists")).isEqualTo(List.of("network", "storage", "web"));
            assertThat(run.errors()).isEmpty();
        }
    }

    @Test
    void anUndeclaredToolTwice_fallsBackAndSaysWhy() throws Exception {
        answer(c -> c.agent() == Agent.TRIAGE, new Fault.ToolCall("ping_host", Map.of("host", "web-edge-01")));
        try (EngineRun run = run()) {
            String id = run.inject("web_5xx");
            Ticket t = run.awaitTerminal(id, WITHIN);

            assertThat(callsOf(Agent.TRIAGE)).hasSize(2);
            Envelope posted = packet(run, id, "Triage");
            assertThat(posted.backend()).isEqualTo("rules (fallback)");
            assertThat(posted.tool()).isEqualTo("assign_specialists");
            assertThat(posted.body()).contains("(rules fallback: Triage has no tool 'ping_host'");
            assertThat(run.errors()).singleElement().asString().contains("Triage").contains("ping_host");
            assertThat(t.status()).isEqualTo(Status.RESOLVED);
        }
    }

    @Test
    void anEmptyAnswer_isToldOnce_thenTheRulesTakeTheTurn() throws Exception {
        answer(c -> c.agent() == Agent.INTAKE_DECIDE, new Fault.Empty());
        try (EngineRun run = run()) {
            String id = run.inject("web_5xx");
            run.awaitTerminal(id, WITHIN);

            assertThat(callsOf(Agent.INTAKE_DECIDE)).hasSize(2);
            assertThat(callsOf(Agent.INTAKE_DECIDE).get(1).texts()).contains("Error: model returned an empty response");
            Envelope posted = packet(run, id, "IntakeDecide");
            assertThat(posted.tool()).isEqualTo("proceed_to_triage");
            assertThat(posted.body()).endsWith("(rules fallback: model returned an empty response)");
        }
    }

    @Test
    void aTextOnlyAnswer_isToldOnce_thenFallsBackWithNoRoutingCall() throws Exception {
        answer(c -> c.agent() == Agent.RESOLVER, new Fault.TextOnly("I think the ticket is resolved."));
        try (EngineRun run = run()) {
            String id = run.inject("web_5xx");
            Ticket t = run.awaitTerminal(id, WITHIN);

            assertThat(callsOf(Agent.RESOLVER)).hasSize(2);
            Envelope posted = packet(run, id, "Resolver");
            assertThat(posted.tool()).isEqualTo("close_ticket");
            assertThat(posted.body()).endsWith("(rules fallback: model returned no routing call)");
            assertThat(t.status().terminal()).isTrue();
        }
    }

    @Test
    void probesWithoutEnd_stopAtThePerTurnCap_eachResultGoingBackToTheModel() throws Exception {
        use(settings().withMaxCallsPerTurn(3));
        answer(c -> c.agent() == Agent.NETWORK, new Fault.ToolCall("ping_host", Map.of("host", "web-edge-01")));
        try (EngineRun run = run()) {
            String id = run.inject("web_5xx");
            run.awaitTerminal(id, WITHIN);

            assertThat(callsOf(Agent.NETWORK)).hasSize(3);
            // Each probe's result went back to the model before it was asked again.
            assertThat(callsOf(Agent.NETWORK).get(2).functionResults()).hasSize(2)
                    .allSatisfy(r -> assertThat(r).startsWith("web-edge-01: "));
            assertThat(packet(run, id, "Network").body())
                    .endsWith("(rules fallback: model returned no routing call within 3 model call(s))");
        }
    }

    @Test
    void aCallThatTimesOut_isRetried_andOneThatAlwaysDoes_fallsBack() throws Exception {
        use(settings().withTimeout(Duration.ofMillis(300)));
        answer(c -> (c.agent() == Agent.NETWORK && c.nthOfAgent() == 1) || c.agent() == Agent.RCA,
                new Fault.Slow(Duration.ofSeconds(3)));
        try (EngineRun run = run()) {
            String id = run.inject("web_5xx");
            Ticket t = run.awaitTerminal(id, WITHIN);

            assertThat(packet(run, id, "Network").backend()).isEqualTo(backend());
            Envelope rca = packet(run, id, "RCA");
            assertThat(rca.backend()).isEqualTo("rules (fallback)");
            assertThat(rca.body()).contains("(rules fallback: model call timed out after 300 ms (2 attempt(s)))");
            assertThat(run.errors()).singleElement().asString().contains("RCA");
            assertThat(t.status().terminal()).isTrue();
        }
    }

    @Test
    void aTokenCap_sendsTheTicketsRemainingTurnsToTheRules() throws Exception {
        long cap = 5L * (StubScript.PROMPT_TOKENS + StubScript.OUTPUT_TOKENS);
        try (EngineRun run = new EngineRun(EngineConfig.defaults(dir).withReasoner(reasoner).withTokenCap(cap))) {
            String id = run.inject("web_5xx");
            Ticket t = run.awaitTerminal(id, WITHIN);

            assertThat(t.status().terminal()).isTrue();
            List<String> backends = run.envelopes(id).stream().filter(Envelope::isPacket).map(Envelope::backend).toList();
            assertThat(backends.get(0)).isEqualTo(backend());
            assertThat(backends.get(backends.size() - 1)).isEqualTo("rules (token cap)");
            assertThat(callsOf(Agent.RESOLVER)).isEmpty();
            assertThat(t.usage().total()).isGreaterThanOrEqualTo(cap);
            assertThat(run.errors()).isEmpty();
        }
    }

    /** A post a reasoner made: the runner's are the engine's own. */
    public static boolean reasoned(Envelope e) {
        return e.isPacket() && !e.sender().equals("Runner");
    }

    public static Envelope packet(EngineRun run, String ticketId, String sender) {
        return run.envelopes(ticketId).stream().filter(e -> e.sender().equals(sender)).findFirst()
                .orElseThrow(() -> new AssertionError("no post from " + sender));
    }

    /**
     * {@code sender:tool} per envelope ({@code sender:text} for texts), with each parallel band's posts sorted:
     * members answer in whatever order they finish, so only the set within a band is the contract.
     */
    public static List<String> shape(List<Envelope> envelopes) {
        List<String> out = new ArrayList<>();
        List<String> band = new ArrayList<>();
        for (Envelope e : envelopes) {
            String s = e.sender() + ":" + (e.isPacket() ? e.tool() : "text");
            boolean member = "submit_findings".equals(e.tool()) || "submit_fix".equals(e.tool())
                    || e.sender().equals(Agent.HUMAN.displayName());
            if (member) {
                band.add(s);
                continue;
            }
            band.sort(null);
            out.addAll(band);
            band.clear();
            out.add(s);
        }
        band.sort(null);
        out.addAll(band);
        return out;
    }
}
