package org.stica.server.trace;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Objects;
import org.slf4j.MDC;
import org.slf4j.Marker;

/**
 * Puts the current request's id into the MDC as {@value #MDC_KEY} just before each log event is
 * made, and takes it out when the calling code runs for no request. An event copies the MDC on
 * the thread that logs (the asynchronous appender too), so the text pattern's
 * {@code %X{requestId}} and the JSON encoder's {@code mdc} show the id of the request the code
 * runs for, although one event loop thread interleaves many requests and a request hops threads.
 * Declared as a {@code turboFilter} in {@code logback.xml}; decides nothing (always neutral).
 */
public final class RequestIdLogFilter extends TurboFilter {
    /** The MDC key: {@code %X{requestId}}, {@code "mdc":{"requestId":…}}. */
    public static final String MDC_KEY = "requestId";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format,
                              Object[] params, Throwable t) {
        String id = RequestScope.currentId().map(RequestId::value).orElse(null);
        if (!Objects.equals(id, MDC.get(MDC_KEY))) {
            if (id == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, id);
            }
        }
        return FilterReply.NEUTRAL;
    }
}
