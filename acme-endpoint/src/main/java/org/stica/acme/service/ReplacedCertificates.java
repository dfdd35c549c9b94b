package org.stica.acme.service;

import io.vertx.core.Future;
import java.util.Arrays;
import java.util.Optional;
import org.stica.acme.model.Account;
import org.stica.acme.port.CertificateFactsSource;
import org.stica.acme.problem.AcmeProblem;
import org.stica.acme.problem.ProblemType;
import org.stica.acme.store.pg.PgCertificateStore;
import org.stica.acme.store.pg.PgOrderStore;

/**
 * The {@code replaces} field of newOrder (RFC 9773 §5, STANDARDS.md §5.3.5): the certID must name
 * a certificate this CA issued to the same account for the same identifier, not already replaced
 * by an order that is not invalid (else 409 alreadyReplaced).
 */
public final class ReplacedCertificates {
    private final CertificateFactsSource facts;
    private final PgCertificateStore certificates;
    private final PgOrderStore orders;

    public ReplacedCertificates(CertificateFactsSource facts, PgCertificateStore certificates,
                            PgOrderStore orders) {
        this.facts = facts;
        this.certificates = certificates;
        this.orders = orders;
    }

    /** The checked certID text, or empty when the payload names none. */
    public Future<Optional<String>> check(Object replaces, Account account, byte[] identifierDer) {
        if (replaces == null) {
            return Future.succeededFuture(Optional.empty());
        }
        if (!(replaces instanceof String text)) {
            return Future.failedFuture(AcmeProblem.malformed("'replaces' must be a certID"));
        }
        CertId certId = CertId.parse(text);
        return facts.find(certId.authorityKeyId(), certId.serialHex())
                .compose(found -> found.isEmpty()
                        ? Future.failedFuture(AcmeProblem.malformed(
                                "'replaces' names no certificate issued by this CA"))
                        : certificates.findBySerial(certId.serialHex()))
                .compose(cert -> {
                    if (cert.isEmpty() || !cert.get().accountId().equals(account.id())) {
                        return Future.failedFuture(AcmeProblem.unauthorized(
                                "'replaces' names a certificate of another account"));
                    }
                    return orders.findById(cert.get().orderId());
                })
                .compose(order -> {
                    boolean shared = order.filter(o -> Arrays.equals(o.identifierDer(),
                            identifierDer)).isPresent();
                    if (!shared) {
                        return Future.failedFuture(new AcmeProblem(
                                ProblemType.REJECTED_IDENTIFIER, "'replaces' names a certificate"
                                + " for another identifier"));
                    }
                    return orders.isReplaced(certId.text());
                })
                .compose(replaced -> replaced ? Future.failedFuture(alreadyReplaced())
                        : Future.succeededFuture(Optional.of(certId.text())));
    }

    static AcmeProblem alreadyReplaced() {
        return new AcmeProblem(ProblemType.ALREADY_REPLACED,
                "the certificate is already replaced by another order");
    }
}
