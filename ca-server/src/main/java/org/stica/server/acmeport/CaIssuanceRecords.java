package org.stica.server.acmeport;

import io.vertx.core.Future;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.stica.acme.port.IssuanceOutcome;
import org.stica.acme.port.IssuanceRecords;
import org.stica.acme.port.IssuedCertificate;
import org.stica.server.issuance.CertificateRecord;
import org.stica.server.issuance.CertificateStatus;
import org.stica.server.store.pg.PgCertificateStore;

/**
 * {@link IssuanceRecords} from the {@code certificate} table (issue 14 invariant 2): an order
 * whose serial was recorded has its certificate (chain rebuilt from the DER and the issuing
 * intermediate, x5u); one with a serial still reserved is pending; otherwise no certificate
 * exists (every reservation was abandoned, or none was made) and none will.
 */
public final class CaIssuanceRecords implements IssuanceRecords {
    private final PgCertificateStore certificates;
    private final Function<String, X509Certificate> issuerByAlias;
    private final Function<String, URI> x5uOf;

    public CaIssuanceRecords(PgCertificateStore certificates,
                             Function<String, X509Certificate> issuerByAlias,
                             Function<String, URI> x5uOf) {
        this.certificates = certificates;
        this.issuerByAlias = issuerByAlias;
        this.x5uOf = x5uOf;
    }

    @Override
    public Future<IssuanceOutcome> outcomeOf(String orderId) {
        return certificates.ofOrder(orderId).map(this::outcome);
    }

    private IssuanceOutcome outcome(List<CertificateRecord> rows) {
        Optional<CertificateRecord> recorded = rows.stream()
                .filter(row -> row.status().recorded() && row.der().isPresent()).findFirst();
        if (recorded.isPresent()) {
            return IssuanceOutcome.issued(issued(recorded.get()));
        }
        if (rows.stream().anyMatch(row -> row.status() == CertificateStatus.RESERVED)) {
            return IssuanceOutcome.pending();
        }
        return IssuanceOutcome.notIssued(rows.isEmpty() ? "no serial was reserved"
                : "serial " + rows.get(0).serialHex() + " was reserved and abandoned unsigned"
                + " or unrecorded");
    }

    private IssuedCertificate issued(CertificateRecord row) {
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(row.der().orElseThrow()));
            return new IssuedCertificate(row.serialHex(),
                    List.of(certificate, issuerByAlias.apply(row.issuerAlias())),
                    x5uOf.apply(row.serialHex()));
        } catch (CertificateException e) {
            throw new IllegalStateException("stored certificate " + row.serialHex()
                    + " does not parse", e);
        }
    }
}
