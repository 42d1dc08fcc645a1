package dev.opsdeck.desktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.desktop.Launcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code opsdeck serve|demo --runbook FILE} as a person types it: the launcher's JVM, in a process of its own. */
class RunbookCommandLineTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    @Test
    void aRunbookOthersMayWrite_isRefusedAtStart_inOneLine_exit2() throws Exception {
        Path runbook = Files.writeString(dir.resolve("runbook.yaml"), """
                version: 1
                actions:
                  - id: noop
                    title: Nothing
                    risk: read
                    match: {issue: [web_5xx]}
                    run: {command: ['/usr/bin/true']}
                """);
        Files.setPosixFilePermissions(runbook, PosixFilePermissions.fromString("rw-rw-rw-"));

        Run r = launcher("serve", "--port", "0", "--hooks-port", "0", "--data-dir", dir.resolve("data").toString(),
                "--runbook", runbook.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().lines().toList()).containsExactly("opsdeck: " + runbook
                + ": refused: it is writable by group and others (chmod go-w " + runbook + ")");
    }

    @Test
    void theDemoApproved_runsTheBundledWorldsActions_eachSayingItIsSimulated() throws Exception {
        Run r = launcher("demo", "--incident", "web_5xx", "--decision", "approve", "--data-dir",
                dir.resolve("demo").toString());

        assertThat(r.exit()).as(r.err()).isZero();
        List<String> runs = r.out().lines().filter(l -> l.contains("run_action")).toList();
        assertThat(runs).hasSize(2).allSatisfy(l -> assertThat(l).contains("(simulated)"));
        assertThat(r.out()).contains("Resolved");
    }

    private Run launcher(String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Launcher.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        pb.environment().remove("GEMINI_API_KEY");
        pb.environment().remove("GOOGLE_API_KEY");
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("opsdeck " + String.join(" ", args) + " did not end within 120 s");
        }
        return new Run(p.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }
}
