package org.stica.acme.port;

import java.util.Optional;

/**
 * A revokeCert request (RFC 8555 §7.6) already authenticated by the ACME layer.
 *
 * @param certificateDer             the certificate to revoke (DER)
 * @param reason                     RFC 5280 §5.3.1 reason code (0 when the client sent none)
 * @param requestingAccount          the account that signed with {@code kid}; empty when the
 *                                   request was signed with the certificate's own key (already
 *                                   checked by the ACME layer)
 * @param accountHoldsAuthorizations the requesting account did not order the certificate but
 *                                   holds valid authorizations for every identifier in it, which
 *                                   RFC 8555 §7.6 requires the CA to accept (checked by the ACME
 *                                   layer)
 */
public record RevocationRequest(byte[] certificateDer, int reason, Optional<String> requestingAccount,
                                boolean accountHoldsAuthorizations) {

    /** A request by the ordering account or by the certificate key. */
    public RevocationRequest(byte[] certificateDer, int reason, Optional<String> requestingAccount) {
        this(certificateDer, reason, requestingAccount, false);
    }
}
