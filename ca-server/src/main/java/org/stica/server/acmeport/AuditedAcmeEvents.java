package org.stica.server.acmeport;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.stica.acme.port.AcmeAuditSink;
import org.stica.server.audit.AuditEvent;
import org.stica.server.audit.AuditLog;

/**
 * The ACME endpoint's {@link AcmeAuditSink} port over ca-server's {@link AuditLog}: account
 * creation (with its external account binding), key change and deactivation become audit events
 * whose actor is the ACME account.
 */
public final class AuditedAcmeEvents implements AcmeAuditSink {
    private final AuditLog audit;

    public AuditedAcmeEvents(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public Future<Void> record(String type, String accountId, String subject,
                               Map<String, String> details) {
        JsonObject json = new JsonObject();
        details.forEach(json::put);
        return audit.record(new AuditEvent(type, "acme-account:" + accountId, subject, json));
    }
}
