package org.stica.server.audit;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AuditLog} that writes events to the {@code stica.audit} logger only (no tamper
 * evidence); the server uses the chained PostgreSQL log instead.
 */
public final class LoggingAuditLog implements AuditLog {
    private static final Logger LOG = LoggerFactory.getLogger("stica.audit");

    @Override
    public Future<Void> record(AuditEvent event) {
        LOG.info("audit type={} actor={} subject={} details={}", event.type(), event.actor(),
                event.subject(), event.details().encode());
        return Future.succeededFuture();
    }
}
