package dev.opsdeck.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.engine.Json;
import dev.opsdeck.engine.agent.Agent;
import dev.opsdeck.engine.exam.RecordedReplies;
import dev.opsdeck.engine.reasoning.gemini.StubGemini;
import dev.opsdeck.engine.reasoning.openai.StubOpenAi;
import dev.opsdeck.engine.testing.MonitoringStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code opsdeck exam} with each model backend, as a user types it ({@code --llm openai --llm-base-url …},
 * {@code --llm gemini}), the real SDK of each talking to a stand-in of its API at our port that answers with a
 * model's recorded replies ({@link RecordedReplies}: 12 shipped cases across 11 families, 7 with a red herring). The
 * recordings are data, not the rules: one of them is taken in by its red herring and fails, one answers IntakeDecide
 * with a tool it does not hold, which the rules take over and the exam says. Only the recorded cases are run, to keep
 * CI short; the rules are examined on all of them by {@link ExamCommandTest}.
 */
class ExamBackendsTest {

    static final Path RECORDED = Path.of("src", "test", "resources", "dev", "opsdeck", "engine", "exam", "recorded");

    @TempDir
    Path dir;

    RecordedReplies replies;
    Path cases;

    @BeforeEach
    void copyTheRecordedCases() throws IOException {
        MonitoringStack.assumeInstalled();
        replies = RecordedReplies.load(RECORDED);
        cases = Files.createDirectories(dir.resolve("cases"));
        for (String name : replies.cases()) {
            Path to = Files.createDirectories(cases.resolve(name));
            try (Stream<Path> files = Files.list(ExamCommandTest.SHIPPED.resolve(name))) {
                for (Path f : files.toList()) {
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            }
        }
    }

    @Test
    void anOpenAiCompatibleServer_isExaminedOnItsRecordedReplies_andItsFallbacksAreSaid() throws Exception {
        List<StubGemini.Call> asked = new CopyOnWriteArrayList<>();
        try (StubOpenAi server = StubOpenAi.replaying(call -> {
            asked.add(call);
            return replies.reply(call);
        })) {
            ExamCommandTest.Run run = ExamCommandTest.exam(cases.toString(), "--llm", "openai", "--llm-base-url",
                    server.baseUrl(), "--model", "recorded", "--data-dir", dir.resolve("data").toString());
            System.out.println(run.out());

            assertExaminedOnTheRecording(run, "openai · recorded", asked);
        }
    }

    @Test
    void gemini_isExaminedOnItsRecordedReplies_andItsFallbacksAreSaid() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve(".env"), "GEMINI_API_KEY=recorded\n");
        List<StubGemini.Call> asked = new CopyOnWriteArrayList<>();
        try (StubGemini server = StubGemini.replaying(call -> {
            asked.add(call);
            return replies.reply(call);
        })) {
            ExamCommandTest.Run run = ExamCommandTest.exam(cases.toString(), "--llm", "gemini", "--gemini-base-url",
                    server.baseUrl(), "--model", "recorded", "--data-dir", data.toString());
            System.out.println(run.out());

            assertExaminedOnTheRecording(run, "gemini · recorded", asked);
        }
    }

    private void assertExaminedOnTheRecording(ExamCommandTest.Run run, String backend, List<StubGemini.Call> asked)
            throws IOException {
        assertThat(run.code()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        JsonNode json = Json.MAPPER.readTree(lines.get(lines.size() - 1));
        assertThat(json.path("cases").asInt()).isEqualTo(12);
        assertThat(json.path("backends").size()).as("one backend: the model, every case").isEqualTo(1);
        String name = json.path("backends").fieldNames().next();
        assertThat(name).startsWith(backend);
        // Every case but the one whose recording blames the red herring: the model's words are graded, not the rules'.
        assertThat(json.path("backends").path(name).path("passed").asInt()).isEqualTo(11);
        assertThat(json.path("failed")).extracting(JsonNode::asText).containsExactly("disk-io-two-busy");
        assertThat(row(run, "disk-io-two-busy")).contains("FAIL").contains("the root cause holds forbidden 'sdc'");
        // The malformed reply: IntakeDecide's turn, and only it, is the rules'; the table and the JSON say so.
        assertThat(json.path("fallback_turns").asInt()).isEqualTo(1);
        assertThat(json.path("backends").path(name).path("fallback_turns").asInt()).isEqualTo(1);
        assertThat(row(run, "inodes-var-spool")).contains("pass").contains("fell back to rules on 1 turn");
        assertThat(run.out()).contains("fell back to rules on 1 turn in 1 case(s)");
        // The diagnosis was the stand-in's: each recorded agent of each case asked it.
        assertThat(asked.stream().filter(c -> c.agent() == Agent.RCA).count()).isEqualTo(12);
        assertThat(asked.stream().filter(c -> c.agent() == Agent.INTAKE_DECIDE && c.texts().contains("exam-mail-01")))
                .as("the malformed reply, then the same after the correction").hasSize(2);
        Map<Agent, Long> unanswered = asked.stream().filter(c -> replies.reply(c) == null)
                .collect(java.util.stream.Collectors.groupingBy(StubGemini.Call::agent,
                        java.util.stream.Collectors.counting()));
        assertThat(unanswered).as("asked before the RCA was recorded, every request had its reply")
                .doesNotContainKeys(Agent.INTAKE_LOOKUP, Agent.INTAKE_DECIDE, Agent.TRIAGE, Agent.NETWORK,
                        Agent.STORAGE, Agent.WEB, Agent.RCA, Agent.REMEDIATION);
    }

    private static String row(ExamCommandTest.Run run, String name) {
        return run.out().lines().filter(l -> l.startsWith(name + " ")).findFirst().orElse("");
    }
}
