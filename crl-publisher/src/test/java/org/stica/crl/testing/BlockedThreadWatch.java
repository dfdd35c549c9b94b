package org.stica.crl.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects Vert.x blocked-thread warnings so a test can fail on them (ARCHITECTURE.md §3 rule 4).
 *
 */
public final class BlockedThreadWatch implements AutoCloseable {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    public BlockedThreadWatch() {
        appender.start();
        root.addAppender(appender);
    }

    /** Messages of blocked-thread warnings seen so far. */
    public List<String> warnings() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(message -> message.contains("has been blocked")).toList();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
