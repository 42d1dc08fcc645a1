package dev.opsdeck.engine.cli;

import dev.opsdeck.engine.EngineConfig;
import dev.opsdeck.engine.exam.CaseFormatError;
import dev.opsdeck.engine.exam.Exam;
import dev.opsdeck.engine.exam.ExamCase;
import dev.opsdeck.engine.exam.ExamReport;
import dev.opsdeck.engine.telemetry.Toolset;
import dev.opsdeck.engine.telemetry.prometheus.LocalPrometheus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code opsdeck exam DIR}: the diagnosis scored on cases (README, "Exam"). The cases' metrics are loaded into a
 * Prometheus of the exam's own; each alert is diagnosed at its case's time by the reasoning the options choose; a
 * table, then one JSON line.
 */
@Command(name = ExamCommand.NAME, mixinStandardHelpOptions = true,
        description = "Score the diagnosis on a directory of cases (alert.json, metrics.om, answer.yml each); "
                + "prints a table and one JSON line.")
public final class ExamCommand implements Callable<Integer> {

    /** The word that names this command (the launcher knows the console from it before any parsing). */
    public static final String NAME = "exam";

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "DIR", description = "A directory with one sub-directory per case.")
    Path cases;

    @Option(names = "--case-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long one case may take to reach its RCA (default: 120s).")
    Duration caseTimeout;

    @Option(names = "--min-pass-rate", paramLabel = "RATE",
            description = "Exit 1 when the pass rate is below this, 0 to 1 (default: 0, never).")
    double minPassRate;

    PrintStream out = System.out;

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<ExamCase> all = ExamCase.all(cases);
        LocalPrometheus.missing().ifPresent(m -> {
            throw new IllegalArgumentException("exam: " + m);
        });
        Toolset toolset = common.toolset == null ? Toolset.bundled() : Toolset.load(common.toolset);
        EngineConfig base = common.config();
        Path work = Files.createTempDirectory("opsdeck-exam");
        try {
            Path tsdb = work.resolve("tsdb");
            for (ExamCase c : all) {
                try {
                    LocalPrometheus.load(c.metrics(), tsdb);
                } catch (IllegalArgumentException e) {
                    throw new CaseFormatError("exam: case " + c.name() + ": metrics.om: " + e.getMessage());
                }
            }
            try (LocalPrometheus prometheus = LocalPrometheus.serve(tsdb, work)) {
                Exam exam = new Exam(base, toolset, prometheus.url(),
                        common.prometheusTimeout == null ? Duration.ofSeconds(5) : common.prometheusTimeout,
                        caseTimeout == null ? Duration.ofSeconds(120) : caseTimeout, work.resolve("data"));
                out.printf("OpsDeck exam · %d case(s) from %s · reasoning: %s%n%n", all.size(), cases,
                        base.reasoner() == null ? "rules" : base.reasoner().name());
                out.println(ExamReport.header());
                ExamReport report = new ExamReport(exam.run(all, r -> out.println(ExamReport.row(r))));
                out.print(report.summary());
                out.println(report.json());
                return report.passRate() + 1e-9 < minPassRate ? 1 : 0;
            }
        } finally {
            delete(work);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
