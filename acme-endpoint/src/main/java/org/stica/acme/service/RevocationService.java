package org.stica.acme.service;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.stica.acme.jws.FlattenedJwsCheck;
import org.stica.acme.jws.JwkPublicKeys;
import org.stica.acme.jws.SignedRequest;
import org.stica.acme.model.Account;
import org.stica.acme.model.CertificateRecord;
import org.stica.acme.port.CertificateAuthority;
import org.stica.acme.port.RevocationRequest;
import org.stica.acme.problem.AcmeProblem;
import org.stica.acme.problem.ProblemType;
import org.stica.acme.store.pg.PgAuthzStore;
import org.stica.acme.store.pg.PgCertificateStore;
import org.bouncycastle.asn1.ASN1OctetString;

/**
 * revokeCert (RFC 8555 §7.6): payload {@code {"certificate": base64url DER, "reason": int}};
 * allowed when signed by the issuing account ({@code kid}), by an account holding valid
 * authorizations for every identifier in the certificate (its TNAuthList), or with the
 * certificate's own key ({@code jwk}); reasons limited to 0, 1, 3, 4, 5, 9 (STANDARDS.md §5.2.15, RFC 5280 §5.3.1),
 * else badRevocationReason. The CA's refusals (alreadyRevoked, …) come back through the port.
 */
public final class RevocationService {
    private static final Set<Integer> ALLOWED_REASONS = Set.of(0, 1, 3, 4, 5, 9);
    /** id-pe-TNAuthList, RFC 8226 §9. */
    private static final String TN_AUTH_LIST_OID = "1.3.6.1.5.5.7.1.26";

    private final PgCertificateStore certificates;
    private final PgAuthzStore authzs;
    private final CertificateAuthority ca;
    private final Clock clock;

    public RevocationService(PgCertificateStore certificates, PgAuthzStore authzs,
                             CertificateAuthority ca, Clock clock) {
        this.certificates = certificates;
        this.authzs = authzs;
        this.ca = ca;
        this.clock = clock;
    }

    public Future<Void> revoke(SignedRequest request) {
        JsonObject payload = request.jsonPayload();
        byte[] der = certificateDer(payload);
        int reason = reason(payload);
        X509Certificate certificate = parse(der);
        if (request.account().isPresent()) {
            Account account = request.account().get();
            String serialHex = certificate.getSerialNumber().toString(16);
            return certificates.findBySerial(serialHex)
                    .compose(found -> issuedTo(found, account, der)
                            ? Future.succeededFuture(false)
                            : holdsAuthorizations(account, certificate))
                    .compose(byAuthorizations -> ca.revoke(new RevocationRequest(der, reason,
                            Optional.of(account.id()), byAuthorizations)));
        }
        byte[] signerKey = JwkPublicKeys.toPublicKey(request.key()).getEncoded();
        if (!Arrays.equals(signerKey, certificate.getPublicKey().getEncoded())) {
            throw AcmeProblem.unauthorized("the JWS key is not the certificate's key");
        }
        return ca.revoke(new RevocationRequest(der, reason, Optional.empty()));
    }

    private static boolean issuedTo(Optional<CertificateRecord> found, Account account, byte[] der) {
        return found.filter(record -> record.accountId().equals(account.id()))
                .filter(record -> Arrays.equals(endEntityDer(record), der)).isPresent();
    }

    /**
     * RFC 8555 §7.6: an account that holds authorizations for all identifiers in the
     * certificate may revoke it; a SHAKEN certificate's one identifier is its TNAuthList.
     */
    private Future<Boolean> holdsAuthorizations(Account account, X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(TN_AUTH_LIST_OID);
        if (extension == null) {
            return Future.failedFuture(AcmeProblem.unauthorized(
                    "the certificate was not issued to this account"));
        }
        byte[] tnAuthList = ASN1OctetString.getInstance(extension).getOctets();
        return authzs.holdsValid(account.id(), tnAuthList, clock.instant())
                .compose(holds -> holds ? Future.succeededFuture(true)
                        : Future.failedFuture(AcmeProblem.unauthorized("the certificate was not"
                                + " issued to this account, which holds no valid authorization"
                                + " for its TNAuthList")));
    }

    private static byte[] endEntityDer(CertificateRecord record) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            return factory.generateCertificate(new ByteArrayInputStream(
                    record.chainPem().getBytes(StandardCharsets.US_ASCII)))
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored certificate unreadable", e);
        }
    }

    private static byte[] certificateDer(JsonObject payload) {
        Object value = payload.getValue("certificate");
        if (!(value instanceof String text) || text.isEmpty()
                || !FlattenedJwsCheck.isStrictBase64Url(text)) {
            throw AcmeProblem.malformed("revokeCert needs 'certificate' as unpadded base64url DER");
        }
        return Base64.getUrlDecoder().decode(text);
    }

    private static int reason(JsonObject payload) {
        if (!payload.containsKey("reason")) {
            return 0;
        }
        Object value = payload.getValue("reason");
        if (!(value instanceof Integer code) || !ALLOWED_REASONS.contains(code)) {
            throw new AcmeProblem(ProblemType.BAD_REVOCATION_REASON,
                    "revocation reason must be one of 0, 1, 3, 4, 5, 9");
        }
        return code;
    }

    private static X509Certificate parse(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw AcmeProblem.malformed("'certificate' is not a DER X.509 certificate");
        }
    }
}
