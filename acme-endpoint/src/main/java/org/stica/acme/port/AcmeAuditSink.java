package org.stica.acme.port;

import io.vertx.core.Future;
import java.util.Map;

/**
 * Port owned by the ACME endpoint, implemented by ca-server: records the endpoint's account
 * security decisions in the CA's audit log — an account created (with the external account
 * binding it used), its key changed (RFC 8555 §7.3.5), deactivated (§7.3.6). Details never hold
 * secrets or key material beyond public-key thumbprints.
 */
public interface AcmeAuditSink {
    /** Records nothing (tests and embedders without an audit log). */
    AcmeAuditSink NONE = (type, accountId, subject, details) -> Future.succeededFuture();

    Future<Void> record(String type, String accountId, String subject,
                        Map<String, String> details);
}
