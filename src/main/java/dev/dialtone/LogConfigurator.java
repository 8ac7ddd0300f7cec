package dev.dialtone;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import dev.dialtone.ops.OpsSettings;
import java.util.Map;

/**
 * Dialtone's log set-up, in code: one line per event on standard error, libraries at WARN. Parsing
 * a logback.xml costs a fifth of a second of start-up; this costs almost nothing. An operator's
 * own {@code -Dlogback.configurationFile}, and the tests' logback-test.xml, still take precedence.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {
    private static final String APPENDER = "stderr";
    private static final Map<String, Level> QUIET_LIBRARIES = Map.of(
            "org.eclipse.jetty", Level.WARN, "com.zaxxer.hikari", Level.WARN, "org.flywaydb", Level.WARN,
            "org.mariadb", Level.WARN, "org.mongodb.driver", Level.WARN, "org.apache.sshd", Level.WARN,
            "com.nimbusds", Level.WARN);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        boolean testConfiguration = getClass().getClassLoader().getResource("logback-test.xml") != null
                && !Boolean.getBoolean("dialtone.productionLogging");
        if (System.getProperty("logback.configurationFile") != null || testConfiguration) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        // The variable is read here so that even the first start-up line is in the chosen format.
        OpsSettings.LogFormat format = OpsSettings.LogFormat.PLAIN;
        try {
            format = OpsSettings.LogFormat.parse(System.getenv().getOrDefault("DIALTONE_LOG_FORMAT", "plain"));
        } catch (IllegalArgumentException e) {
            // The serve command reports it when it reads its settings.
        }
        LayoutWrappingEncoder<ILoggingEvent> encoder = encoder(context, format);
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName(APPENDER);
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stderr);
        QUIET_LIBRARIES.forEach((name, level) -> context.getLogger(name).setLevel(level));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * Switches Dialtone's own standard-error lines to {@code format} ({@code --log-format}); an operator's own
     * configuration, or the tests', is left alone.
     */
    public static void useFormat(OpsSettings.LogFormat format) {
        if (!(org.slf4j.LoggerFactory.getILoggerFactory() instanceof LoggerContext context)
                || !(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(APPENDER)
                        instanceof ConsoleAppender<ILoggingEvent> stderr)) {
            return;
        }
        stderr.setEncoder(encoder(context, format));
    }

    private static LayoutWrappingEncoder<ILoggingEvent> encoder(LoggerContext context, OpsSettings.LogFormat format) {
        LayoutBase<ILoggingEvent> layout = format == OpsSettings.LogFormat.JSON ? new JsonLineLayout()
                : new OneLineLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        return encoder;
    }

    /** {@code 12:00:01.234 INFO  [thread] Logger - message}, then any stack trace. */
    static final class OneLineLayout extends LayoutBase<ILoggingEvent> {
        /** Levels padded to five characters once, not by {@code String.format} on every request's line. */
        private static final Map<Integer, String> LEVELS = Map.of(Level.TRACE_INT, "TRACE", Level.DEBUG_INT, "DEBUG",
                Level.INFO_INT, "INFO ", Level.WARN_INT, "WARN ", Level.ERROR_INT, "ERROR", Level.ALL_INT, "ALL  ",
                Level.OFF_INT, "OFF  ");
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
                .withZone(ZoneId.systemDefault());

        @Override
        public String doLayout(ILoggingEvent event) {
            String logger = event.getLoggerName();
            StringBuilder line = new StringBuilder(128)
                    .append(TIME.format(Instant.ofEpochMilli(event.getTimeStamp()))).append(' ')
                    .append(LEVELS.get(event.getLevel().levelInt)).append(" [").append(event.getThreadName())
                    .append("] ").append(logger.substring(logger.lastIndexOf('.') + 1)).append(" - ")
                    .append(event.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
            if (event.getThrowableProxy() != null) {
                line.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append(CoreConstants.LINE_SEPARATOR);
            }
            return line.toString();
        }
    }
}
