package dev.opsdeck.engine.reasoning.gemini;

import dev.opsdeck.engine.reasoning.chat.ChatReasoner;
import dev.opsdeck.engine.reasoning.chat.ChatSettings;
import dev.opsdeck.engine.EngineConfig;
import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Published;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * How long an incident takes when every model call costs a fixed latency: starts the stub Gemini server answering
 * after 200 ms, runs {@code web_5xx} through both stages with the real SDK, and prints the diagnosis wall time, the
 * model calls per incident, and whether the specialists' calls overlapped (the band must run concurrently: wall
 * time near the critical path, not the sum). Prints, asserts nothing.
 *
 * <pre>mvn -q -pl engine test-compile exec:java            (args: -Dexec.args="RUNS LATENCY_MS")</pre>
 */
public final class GeminiBench {

    private static final Set<Agent> SPECIALISTS = Set.of(Agent.NETWORK, Agent.STORAGE, Agent.WEB);
    private static final Set<Agent> DIAGNOSIS = EnumSet.range(Agent.INTAKE_LOOKUP, Agent.REMEDIATION);

    private GeminiBench() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Duration latency = Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 200);
        System.out.printf("stub Gemini answering after %d ms per call; incident web_5xx; %d run(s)%n",
                latency.toMillis(), runs);
        for (int i = 1; i <= runs; i++) {
            run(i, latency);
        }
    }

    private static void run(int n, Duration latency) throws Exception {
        Path dir = Files.createTempDirectory("opsdeck-bench");
        try (StubGemini stub = StubGemini.start().latency(latency);
                ChatReasoner gemini = GeminiChat.reasoner(GeminiChat.defaults("bench-key")
                        .withBaseUrl(stub.baseUrl()));
                EngineRun run = new EngineRun(EngineConfig.defaults(dir).withReasoner(gemini))) {
            String id = run.inject("web_5xx");
            Ticket t = run.awaitTerminal(id, Duration.ofMinutes(2));
            List<Published> events = run.published();
            double diagnosis = span(events, Stage.DIAGNOSIS);
            double remediation = span(events, Stage.REMEDIATION);
            List<StubGemini.Call> calls = stub.calls();
            long diagnosisCalls = calls.stream().filter(c -> DIAGNOSIS.contains(c.agent())).count();
            List<StubGemini.Call> band = calls.stream().filter(c -> SPECIALISTS.contains(c.agent())).toList();
            double bandSum = band.stream().mapToDouble(c -> (c.endNanos() - c.startNanos()) / 1e9).sum();
            double bandWall = band.isEmpty() ? 0 : (band.stream().mapToLong(StubGemini.Call::endNanos).max().getAsLong()
                    - band.stream().mapToLong(StubGemini.Call::startNanos).min().getAsLong()) / 1e9;
            // Critical path of diagnosis in model calls: each sequential agent's calls plus the band's longest member.
            long sequential = calls.stream().filter(c -> DIAGNOSIS.contains(c.agent())
                    && !SPECIALISTS.contains(c.agent())).count();
            long longestMember = SPECIALISTS.stream().mapToLong(a -> stub.callsOf(a).size()).max().orElse(0);
            double critical = (sequential + longestMember) * latency.toMillis() / 1000.0;
            System.out.printf("run %d%s: %s %s%n", n, n == 1 ? " (cold JVM)" : "", t.id(), t.status().label());
            System.out.printf("  diagnosis   %.2f s wall, %d model calls; critical path %d calls = %.2f s, "
                    + "all calls in series %.2f s%n", diagnosis, diagnosisCalls, sequential + longestMember, critical,
                    diagnosisCalls * latency.toMillis() / 1000.0);
            System.out.printf("  band        %d specialist calls, %.2f s of calls within %.2f s wall, max %d in flight%n",
                    band.size(), bandSum, bandWall, maxInFlight(band));
            System.out.printf("  incident    %d model calls (diagnosis + remediation), remediation %.2f s wall, "
                    + "usage %d prompt + %d output tokens over %d model turns%n", calls.size(), remediation,
                    t.usage().promptTokens(), t.usage().outputTokens(), t.usage().modelTurns());
        }
    }

    /** Seconds from the stage's channel opening to its closing, by the engine's own event times. */
    private static double span(List<Published> events, Stage stage) {
        String channel = null;
        double opened = 0;
        for (Published p : events) {
            if (p.event() instanceof EngineEvent.ChannelOpened o && o.stage() == stage) {
                channel = o.channelId();
                opened = p.ts();
            } else if (p.event() instanceof EngineEvent.ChannelClosed c && c.channelId().equals(channel)) {
                return p.ts() - opened;
            }
        }
        return Double.NaN;
    }

    private static int maxInFlight(List<StubGemini.Call> calls) {
        List<long[]> edges = new ArrayList<>();
        for (StubGemini.Call c : calls) {
            edges.add(new long[] {c.startNanos(), 1});
            edges.add(new long[] {c.endNanos(), -1});
        }
        edges.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        int now = 0;
        int max = 0;
        for (long[] e : edges) {
            now += (int) e[1];
            max = Math.max(max, now);
        }
        return max;
    }
}
