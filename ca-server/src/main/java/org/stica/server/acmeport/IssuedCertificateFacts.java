package org.stica.server.acmeport;

import io.vertx.core.Future;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.stica.acme.port.CertificateFacts;
import org.stica.acme.port.CertificateFactsSource;
import org.stica.server.issuance.CertificateRecord;
import org.stica.server.issuance.CertificateStatus;
import org.stica.server.store.pg.PgCertificateStore;

/**
 * The ACME endpoint's {@link CertificateFactsSource} port (ARI, RFC 9773 §4.1) over ca-server's
 * certificate table: a certificate counts only when it was issued here (DER recorded) and its
 * authority key identifier equals the certID's; revoked when its row says so.
 */
public final class IssuedCertificateFacts implements CertificateFactsSource {
    private final PgCertificateStore certificates;

    public IssuedCertificateFacts(PgCertificateStore certificates) {
        this.certificates = certificates;
    }

    @Override
    public Future<Optional<CertificateFacts>> find(byte[] authorityKeyId, String serialHex) {
        return certificates.find(serialHex).map(found -> found
                .filter(record -> record.status().recorded())
                .filter(record -> record.der().map(der -> issuedUnder(der, authorityKeyId))
                        .orElse(false))
                .map(IssuedCertificateFacts::facts));
    }

    private static CertificateFacts facts(CertificateRecord record) {
        return new CertificateFacts(record.notBefore(), record.notAfter(),
                record.status() == CertificateStatus.REVOKED);
    }

    private static boolean issuedUnder(byte[] der, byte[] authorityKeyId) {
        try {
            AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.fromExtensions(
                    new X509CertificateHolder(der).getExtensions());
            return aki != null && aki.getKeyIdentifierOctets() != null
                    && Arrays.equals(aki.getKeyIdentifierOctets(), authorityKeyId);
        } catch (IOException e) {
            return false;
        }
    }
}
