package org.stica.server.cli;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 17: {@code STICA_LOG_FORMAT=json} writes one JSON object a line through logback's own
 * encoder; the default stays the concise text line. Loaded into a private logger context, so
 * the tests' own logging is untouched.
 */
class LogFormatTest {

    @Test
    void json_usesLogbacksJsonEncoder_withTheFormattedMessage() throws Exception {
        Encoder<?> encoder = consoleEncoder("json");

        assertInstanceOf(JsonEncoder.class, encoder);
        @SuppressWarnings("unchecked")
        Encoder<ch.qos.logback.classic.spi.ILoggingEvent> json =
                (Encoder<ch.qos.logback.classic.spi.ILoggingEvent>) encoder;
        // the running context (it carries the MDC adapter an event reads)
        Logger logger = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("probe");
        ch.qos.logback.classic.spi.LoggingEvent event = new ch.qos.logback.classic.spi
                .LoggingEvent("probe", (ch.qos.logback.classic.Logger) logger,
                ch.qos.logback.classic.Level.INFO, "issued serial={}", null,
                new Object[] {"0a1b"});
        String line = new String(json.encode(event), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(line.startsWith("{")
                && line.contains("\"formattedMessage\":\"issued serial=0a1b\""), line);
    }

    @Test
    void default_isTheTextLine() throws Exception {
        assertInstanceOf(PatternLayoutEncoder.class, consoleEncoder(null));
    }

    private static Encoder<?> consoleEncoder(String format) throws Exception {
        LoggerContext context = new LoggerContext();
        if (format != null) {
            context.putProperty("STICA_LOG_FORMAT", format);
        }
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LogFormatTest.class.getResource("/logback.xml"));
        AsyncAppender async = (AsyncAppender) context.getLogger(Logger.ROOT_LOGGER_NAME)
                .getAppender("ASYNC");
        ConsoleAppender<?> console = (ConsoleAppender<?>) async.getAppender("CONSOLE");
        Encoder<?> encoder = console.getEncoder();
        context.stop();
        return encoder;
    }
}
