package org.stica.acme.service;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
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
import org.stica.acme.store.pg.PgCertificateStore;

/**
 * revokeCert (RFC 8555 §7.6): payload {@code {"certificate": base64url DER, "reason": int}};
 * allowed when signed by the issuing account ({@code kid}) or with the certificate's own key
 * ({@code jwk}); reasons limited to 0, 1, 3, 4, 5, 9 (STANDARDS.md §5.2.15, RFC 5280 §5.3.1),
 * else badRevocationReason. The CA's refusals (alreadyRevoked, …) come back through the port.
 */
public final class RevocationService {
    private static final Set<Integer> ALLOWED_REASONS = Set.of(0, 1, 3, 4, 5, 9);

    private final PgCertificateStore certificates;
    private final CertificateAuthority ca;

    public RevocationService(PgCertificateStore certificates, CertificateAuthority ca) {
        this.certificates = certificates;
        this.ca = ca;
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
                    .map(found -> issuedTo(found, account, der))
                    .compose(v -> ca.revoke(new RevocationRequest(der, reason,
                            Optional.of(account.id()))));
        }
        byte[] signerKey = JwkPublicKeys.toPublicKey(request.key()).getEncoded();
        if (!Arrays.equals(signerKey, certificate.getPublicKey().getEncoded())) {
            throw AcmeProblem.unauthorized("the JWS key is not the certificate's key");
        }
        return ca.revoke(new RevocationRequest(der, reason, Optional.empty()));
    }

    private static Void issuedTo(Optional<CertificateRecord> found, Account account, byte[] der) {
        boolean ours = found.filter(record -> record.accountId().equals(account.id()))
                .filter(record -> Arrays.equals(endEntityDer(record), der)).isPresent();
        if (!ours) {
            throw AcmeProblem.unauthorized("the certificate was not issued to this account");
        }
        return null;
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
