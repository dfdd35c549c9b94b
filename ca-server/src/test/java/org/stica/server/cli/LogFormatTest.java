package org.stica.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.server.trace.RequestIdLogFilter;

/**
 * Issue 17: {@code STICA_LOG_FORMAT=json} writes one JSON object a line through logback's own
 * encoder; the default stays the concise text line. Both show the request id a record was made
 * for (the MDC's {@code requestId}, which the declared filter fills in). Loaded into a private
 * logger context, so the tests' own logging is untouched.
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

    @Test
    void text_showsTheRequestIdAfterTheLogger_onlyForARequest() throws Exception {
        LoggerContext context = configured(null);
        try {
            Encoder<ILoggingEvent> text = encoder(context);

            String inRequest = encode(text, event(context, Map.of("requestId", "r-42")));
            String outside = encode(text, event(context, Map.of()));

            assertTrue(inRequest.contains(" probe req=r-42 - issued serial=0a1b"), inRequest);
            assertTrue(outside.contains(" probe - issued serial=0a1b"), outside);
        } finally {
            context.stop();
        }
    }

    @Test
    void json_carriesTheRequestIdInTheMdc() throws Exception {
        LoggerContext context = configured("json");
        try {
            String line = encode(encoder(context),
                    event(context, Map.of("requestId", "r-42")));

            assertEquals("r-42", new JsonObject(line).getJsonObject("mdc").getString("requestId"),
                    line);
        } finally {
            context.stop();
        }
    }

    @Test
    void config_declaresTheRequestIdFilter() throws Exception {
        LoggerContext context = configured(null);
        try {
            assertTrue(context.getTurboFilterList().stream()
                    .anyMatch(RequestIdLogFilter.class::isInstance),
                    context.getTurboFilterList().toString());
        } finally {
            context.stop();
        }
    }

    private static LoggerContext configured(String format) throws Exception {
        LoggerContext context = new LoggerContext();
        if (format != null) {
            context.putProperty("STICA_LOG_FORMAT", format);
        }
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LogFormatTest.class.getResource("/logback.xml"));
        return context;
    }

    @SuppressWarnings("unchecked")
    private static Encoder<ILoggingEvent> encoder(LoggerContext context) {
        AsyncAppender async = (AsyncAppender) context.getLogger(Logger.ROOT_LOGGER_NAME)
                .getAppender("ASYNC");
        return ((ConsoleAppender<ILoggingEvent>) async.getAppender("CONSOLE")).getEncoder();
    }

    private static LoggingEvent event(LoggerContext context, Map<String, String> mdc) {
        LoggingEvent event = new LoggingEvent("probe", context.getLogger("probe"), Level.INFO,
                "issued serial={}", null, new Object[] {"0a1b"});
        event.setMDCPropertyMap(mdc);
        return event;
    }

    private static String encode(Encoder<ILoggingEvent> encoder, ILoggingEvent event) {
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    private static Encoder<?> consoleEncoder(String format) throws Exception {
        LoggerContext context = configured(format);
        Encoder<?> encoder = encoder(context);
        context.stop();
        return encoder;
    }
}
