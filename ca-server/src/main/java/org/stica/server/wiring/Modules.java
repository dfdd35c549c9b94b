package org.stica.server.wiring;

import java.util.Optional;
import org.stica.acme.AcmeModule;
import org.stica.hsm.SignerPool;
import org.stica.server.acmeport.SubscriberHolders;
import org.stica.server.audit.AuditLog;
import org.stica.server.audit.AuditModule;
import org.stica.server.pa.PaModule;

/**
 * The modules built (not yet started) between binding the public port and starting: what the
 * public and admin sites route to and what the root then starts.
 *
 * @param auditLog  the audit log every part records to (appends counted for the drain)
 * @param ecosystem the CRL certificates name and the revocation reports to the STI-PA
 * @param subscriberHolders who holds an SPC, cached (the admin API's changes evict it at once)
 */
public record Modules(SignerPool signer, AuditModule audit, AuditLog auditLog, CrlParts crl,
                      IssuanceParts issuance, TrustParts trust, Optional<PaModule> pa,
                      AcmeModule acme, EcosystemParts ecosystem,
                      SubscriberHolders subscriberHolders) {
}
