package dev.opsdeck.desktop.logs;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's logs: a rolling file in the data dir, and the terminal (warnings and worse unless a level was
 * asked for). Set up once, before a command runs; every secret given is masked in both.
 */
public final class Logs {

    /** How the file rolls, as {@code --help} says it. */
    public static final String ROTATION = "rolled daily and at 10 MB, gzipped, kept 14 days and 200 MB at most";

    public enum Format { TEXT, JSON }

    private Logs() {
    }

    /** Where the log of a data dir is written. */
    public static Path file(Path dataDir) {
        return dataDir.resolve("logs").resolve("opsdeck.log");
    }

    /**
     * Replaces whatever logging was set up before.
     *
     * @param terminal the lowest level the terminal shows (the file shows {@code level})
     * @param err      where a log file that cannot be written is said
     */
    public static void start(Path dataDir, Level level, Level terminal, Format format, Collection<String> secrets,
                             PrintStream err) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level);
        // The socket library logs refused clients as errors with stack traces; the bridge's own lines say what
        // matters.
        context.getLogger("org.java_websocket").setLevel(Level.OFF);
        // Jetty (the HTTP API's server) logs request headers at debug: a user's bearer token would be written there,
        // and the mask cannot know it (the server keeps only its hash). Its info and worse are enough.
        context.getLogger("org.eclipse.jetty").setLevel(level.isGreaterOrEqual(Level.INFO) ? level : Level.INFO);

        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("terminal");
        console.setTarget("System.err");
        console.setEncoder(masked(encoder(context, format), secrets, context));
        ThresholdFilter threshold = new ThresholdFilter();
        threshold.setLevel(terminal.levelStr);
        threshold.start();
        console.addFilter(threshold);
        console.start();
        root.addAppender(console);

        Path file = file(dataDir);
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            err.println("opsdeck: cannot write the log file " + file + " (" + e.getMessage()
                    + "); logging to the terminal only");
            return;
        }
        RollingFileAppender<ILoggingEvent> rolling = new RollingFileAppender<>();
        rolling.setContext(context);
        rolling.setName("file");
        rolling.setFile(file.toString());
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(rolling);
        policy.setFileNamePattern(file.getParent().resolve("opsdeck.%d{yyyy-MM-dd}.%i.log.gz").toString());
        policy.setMaxFileSize(FileSize.valueOf("10MB"));
        policy.setMaxHistory(14);
        policy.setTotalSizeCap(FileSize.valueOf("200MB"));
        policy.start();
        rolling.setRollingPolicy(policy);
        rolling.setEncoder(masked(encoder(context, format), secrets, context));
        rolling.start();
        if (!rolling.isStarted()) {
            err.println("opsdeck: cannot write the log file " + file + "; logging to the terminal only");
            return;
        }
        root.addAppender(rolling);
    }

    private static Encoder<ILoggingEvent> encoder(LoggerContext context, Format format) {
        if (format == Format.JSON) {
            JsonEncoder json = new JsonEncoder();
            json.setContext(context);
            // The message as a person reads it, not its template and arguments apart.
            json.setWithFormattedMessage(true);
            json.setWithMessage(false);
            json.setWithArguments(false);
            json.setWithContext(false);
            json.setWithSequenceNumber(false);
            json.setWithNanoseconds(false);
            return json;
        }
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(context);
        text.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n");
        return text;
    }

    private static Encoder<ILoggingEvent> masked(Encoder<ILoggingEvent> encoder, Collection<String> secrets,
                                                 LoggerContext context) {
        MaskingEncoder masking = new MaskingEncoder(encoder, secrets);
        masking.setContext(context);
        masking.start();
        return masking;
    }
}
