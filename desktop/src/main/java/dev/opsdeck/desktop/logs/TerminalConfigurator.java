package dev.opsdeck.desktop.logs;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * The logs until the launcher starts them ({@link Logs#start}): warnings and worse on the terminal. Logback finds it
 * as a service, before any configuration file: set up in code, it spares every start the XML configurator, which
 * cost about a quarter of a second of a cold start before the console's window.
 */
public final class TerminalConfigurator extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> terminal = new ConsoleAppender<>();
        terminal.setContext(context);
        terminal.setName("terminal");
        terminal.setTarget("System.err");
        terminal.setEncoder(encoder);
        terminal.start();
        // The socket library logs refused clients as errors with stack traces; the bridge's own lines say what matters.
        context.getLogger("org.java_websocket").setLevel(Level.OFF);
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(terminal);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
