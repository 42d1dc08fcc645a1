package dev.opsdeck.desktop.logs;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The log file: where it is, what level it keeps, and that a secret logged by anyone comes out masked. */
class LogsTest {

    @TempDir
    Path dataDir;

    @AfterEach
    void backToTheTestsLogging() throws Exception {
        ch.qos.logback.classic.LoggerContext context = (ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ch.qos.logback.classic.util.ContextInitializer(context).autoConfig();
    }

    @Test
    void aSecretInAMessageOrAStackTrace_isMaskedInTheFile() throws Exception {
        List<String> secrets = Secrets.of(Map.of("GEMINI_API_KEY", "AIzaKEY-0001", "PATH", "/usr/bin"), dataDir,
                dataDir, List.of("postgresql://ops:pw-77aa@db:5432/ops"));
        Logs.start(dataDir, Level.INFO, Level.ERROR, Logs.Format.TEXT, secrets, System.err);

        LoggerFactory.getLogger("test").info("calling with key {} on {}", "AIzaKEY-0001",
                "postgresql://ops:pw-77aa@db:5432/ops");
        LoggerFactory.getLogger("test").warn("failed", new IllegalStateException("bad key AIzaKEY-0001"));
        LoggerFactory.getLogger("test").debug("below the level");

        String log = Files.readString(Logs.file(dataDir));
        assertThat(log).contains("calling with key **** on postgresql://ops:****@db:5432/ops", "bad key ****",
                "failed").doesNotContain("AIzaKEY-0001", "pw-77aa", "below the level");
    }

    @Test
    void aLogDirThatCannotBeMade_isSaidInOneLine_andTheTerminalStillLogs() throws Exception {
        Path notADir = Files.writeString(dataDir.resolve("file"), "");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        Logs.start(notADir, Level.INFO, Level.WARN, Logs.Format.TEXT, List.of(), new PrintStream(err, true));

        assertThat(err.toString().lines().toList()).singleElement().asString()
                .startsWith("opsdeck: cannot write the log file " + Logs.file(notADir)).endsWith("logging to the terminal only");
    }
}
