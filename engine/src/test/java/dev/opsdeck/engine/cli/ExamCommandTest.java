package dev.opsdeck.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.engine.Json;
import dev.opsdeck.engine.testing.MonitoringStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code opsdeck exam} as a user types it: the shipped cases (examples/exam/cases) loaded into a real Prometheus with
 * promtool, each alert diagnosed by the offline rules at its case's time, the table and the JSON line printed. The
 * table is echoed into the test output.
 */
class ExamCommandTest {

    static final Path SHIPPED = Path.of("..", "examples", "exam", "cases");

    @TempDir
    Path dir;

    @Test
    void theShippedCases_passAtNinetyPercentOrMore_perFamilyAndOverall_inOneJsonLine() throws Exception {
        MonitoringStack.assumeInstalled();
        Run run = exam(SHIPPED.toString(), "--data-dir", dir.resolve("data").toString());
        System.out.println(run.out);

        assertThat(run.code).as(run.err).isZero();
        List<String> lines = run.out.lines().toList();
        JsonNode json = Json.MAPPER.readTree(lines.get(lines.size() - 1));
        assertThat(json.path("cases").asInt()).isGreaterThanOrEqualTo(40);
        assertThat(json.path("red_herring").path("cases").asInt() * 3).isGreaterThanOrEqualTo(json.path("cases").asInt());
        assertThat(json.path("backends").has("rules")).as("the offline rules reasoned").isTrue();
        assertThat(json.path("pass_rate").asDouble()).as(run.out).isGreaterThanOrEqualTo(0.9);
        assertThat(json.path("families").size()).isGreaterThanOrEqualTo(15);
        assertThat(run.out).contains("overall").contains("(with a red herring)");
    }

    @Test
    void aCaseFormatError_isOneLineNamingTheCaseTheFileAndWhatIsWrong() throws Exception {
        Path cases = dir.resolve("cases");
        Path broken = Files.createDirectories(cases.resolve("my-outage"));
        Files.copy(SHIPPED.resolve("fs-space-data-full").resolve("alert.json"), broken.resolve("alert.json"));
        Files.copy(SHIPPED.resolve("fs-space-data-full").resolve("metrics.om"), broken.resolve("metrics.om"));
        Files.writeString(broken.resolve("answer.yml"), "family: disk\ncategory: disk\n");

        Run run = exam(cases.toString(), "--data-dir", dir.resolve("data").toString());

        assertThat(run.code).isEqualTo(2);
        assertThat(run.err.strip()).isEqualTo("opsdeck: exam: case my-outage: answer.yml: category must be network, "
                + "storage, web or none, got 'disk'");
        assertThat(run.out).isEmpty();
    }

    record Run(int code, String out, String err) {
    }

    /** Runs the sub-command as the launcher does: a user error is one line on stderr, exit 2. */
    static Run exam(String... args) {
        ExamCommand command = new ExamCommand();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(command).setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                cmd.getErr().println("opsdeck: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        int code = cli.execute(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString());
    }
}
