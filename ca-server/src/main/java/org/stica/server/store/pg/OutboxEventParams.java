package org.stica.server.store.pg;

import java.util.HashMap;
import java.util.Map;
import org.stica.server.audit.RequestAttribution;
import org.stica.server.issuance.OutboxEvent;

/**
 * The parameters of an audit event that a statement writes into {@code audit_outbox} with the
 * fact it records ({@code #{at}}, {@code #{type}}, {@code #{actor}}, {@code #{details}} and the
 * request's {@code #{attribution}}), for the statement to add its own to.
 */
final class OutboxEventParams {
    private OutboxEventParams() {
    }

    static Map<String, Object> of(OutboxEvent event) {
        Map<String, Object> params = new HashMap<>();
        params.put("at", PgTimes.toDb(event.at()));
        params.put("type", event.type());
        params.put("actor", event.actor());
        params.put("details", event.details());
        params.put("attribution", RequestAttribution.current().encode());
        return params;
    }
}
