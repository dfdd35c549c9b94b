package org.stica.tests.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Collects Vert.x blocked-thread warnings (house rule 4: tests fail on them). Attach before the
 * server starts; {@link #warnings()} must be empty at the end.
 */
public final class BlockedThreadWatch extends AppenderBase<ILoggingEvent> {
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    public static BlockedThreadWatch attach() {
        BlockedThreadWatch watch = new BlockedThreadWatch();
        watch.setName("blocked-thread-watch");
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        watch.setContext(root.getLoggerContext());
        watch.start();
        root.addAppender(watch);
        return watch;
    }

    @Override
    protected void append(ILoggingEvent event) {
        String message = event.getFormattedMessage();
        if (message != null && message.contains("has been blocked for")) {
            warnings.add(event.getThreadName() + ": " + message);
        }
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public void detach() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(this);
        stop();
    }
}
