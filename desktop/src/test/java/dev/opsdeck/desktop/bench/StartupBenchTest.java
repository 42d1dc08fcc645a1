package dev.opsdeck.desktop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code opsdeck bench startup --console} against a stand-in launcher (a real process) whose console prints its
 * window and ready lines in one write, as a fast start does: both must be read (a reader per line lost the second and
 * the bench waited for ever).
 */
class StartupBenchTest {

    private static final String STAND_IN = """
            #!/usr/bin/env bash
            case "$1" in
              serve) echo "OpsDeck bridge · ws://127.0.0.1:1/ws"; exec sleep 60 ;;
              demo) echo "INC-001 Resolved"; exit 0 ;;
              *) mkdir -p "$OPSDECK_AOT_DIR" && touch "$OPSDECK_AOT_DIR/console.key"
                 printf 'INFO window shown 5 ms after the JVM started\\nINFO console ready 9 ms after the JVM started\\n'
                 exec sleep 60 ;;
            esac
            """;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void theConsolesWindowAndReadyLines_inOneWrite_areBothRead(@TempDir Path dir) throws Exception {
        Path launcher = Files.writeString(dir.resolve("opsdeck"), STAND_IN);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = new CommandLine(new StartupBench()).execute("--launcher", launcher.toString(), "--console",
                    "--runs", "1");
        } finally {
            System.setOut(stdout);
        }
        String line = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(line).isZero();
        assertThat(line).contains("\"console_window_ms\":{\"without_cache\":", "\"console_ready_ms\":{\"without_cache\":",
                "\"load_average_before\":");
    }
}
