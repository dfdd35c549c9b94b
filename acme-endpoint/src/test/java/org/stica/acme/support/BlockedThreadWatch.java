package org.stica.acme.support;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records Vert.x blocked-thread warnings so tests can fail on them (ARCHITECTURE.md rule 4). */
public final class BlockedThreadWatch extends AppenderBase<ILoggingEvent> {
    private static final List<String> WARNINGS = new CopyOnWriteArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
        WARNINGS.add(event.getFormattedMessage());
    }

    /** The warnings since the last call (and forgets them). */
    public static List<String> drain() {
        List<String> copy = List.copyOf(WARNINGS);
        WARNINGS.removeAll(copy);
        return copy;
    }
}
