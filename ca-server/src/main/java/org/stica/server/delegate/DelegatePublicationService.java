package org.stica.server.delegate;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;
import org.stica.policy.delegate.DelegateChainCheck;
import org.stica.server.audit.AuditEvent;
import org.stica.server.audit.AuditLog;
import org.stica.server.ca.CaHierarchy;
import org.stica.server.ca.CaInitializer;
import org.stica.server.delegate.store.pg.PgDelegateStore;
import org.stica.server.issuance.CertificateRecord;
import org.stica.server.issuance.CertificateStatus;
import org.stica.server.store.pg.PgCertificateStore;

/**
 * Publishes a delegate chain at the STI-CR (RFC 9060 §4, §5, §7; STANDARDS.md §2 item 9). The
 * chain's signatures are the authorization: its SCA certificate must be one this CA issued
 * (same DER in {@code certificate}), still {@code issued} (not revoked) and valid now; the path
 * below it passes {@link DelegateChainCheck}. Accepted chains are stored once per leaf (the
 * SHA-256 of its DER is the id) as leaf, SCA, intermediate. Every accept and refusal is audited;
 * refusals are {@link PolicyException}s and store nothing.
 */
public final class DelegatePublicationService {
    private final PgDelegateStore store;
    private final PgCertificateStore certificates;
    private final CaHierarchy hierarchy;
    private final DelegateChainCheck check;
    private final AuditLog audit;
    private final Clock clock;
    private Supplier<List<X509Certificate>> intermediates;

    public DelegatePublicationService(PgDelegateStore store, PgCertificateStore certificates,
                                      CaHierarchy hierarchy, DelegateChainCheck check,
                                      AuditLog audit, Clock clock) {
        this.store = store;
        this.certificates = certificates;
        this.hierarchy = hierarchy;
        this.check = check;
        this.audit = audit;
        this.clock = clock;
        this.intermediates = () -> List.of(hierarchy.intermediate());
    }

    /**
     * Accepts SCAs issued by any of {@code current} (every intermediate of the CA, which after an
     * intermediate rollover are several), not only the hierarchy's intermediate.
     */
    public DelegatePublicationService withIntermediates(
            Supplier<List<X509Certificate>> current) {
        this.intermediates = current;
        return this;
    }

    /** What publishing gave: the stored record and whether it is new. */
    public record Published(DelegateRecord record, boolean created) {
    }

    /** Checks and stores the posted PEM chain; {@code origin} (remote address) is audited. */
    public Future<Published> publish(String pem, String origin) {
        return Future.<Published>succeededFuture()
                .compose(v -> checked(pem))
                .compose(this::store)
                .compose(published -> audit.record(new AuditEvent("delegate.accepted", origin,
                        published.record().id(), new JsonObject()
                                .put("scaSerial", published.record().scaSerial())
                                .put("created", published.created())))
                        .map(published))
                .recover(failure -> refused(failure, origin));
    }

    public Future<Optional<DelegateRecord>> find(String id) {
        return store.find(id);
    }

    private Future<DelegateRecord> checked(String pem) {
        List<X509Certificate> chain = DelegateChainPem.parse(pem);
        int scaIndex = scaIndex(chain);
        X509Certificate sca = chain.get(scaIndex);
        X509Certificate intermediate = named(sca).orElseThrow();
        String scaSerial = sca.getSerialNumber().toString(16);
        return certificates.find(scaSerial).map(found -> {
            requireOurLiveSca(found, sca);
            List<X509Certificate> delegates = chain.subList(0, scaIndex);
            check.check(delegates, sca, intermediate, hierarchy.root(), clock.instant());
            X509Certificate leaf = delegates.get(0);
            List<X509Certificate> served = new ArrayList<>(delegates);
            served.add(sca);
            served.add(intermediate);
            return new DelegateRecord(sha256Hex(leaf), scaSerial, CaInitializer.toPem(served),
                    leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant());
        });
    }

    /** The SCA is the first certificate our intermediate issued; after it only our CA certs. */
    private int scaIndex(List<X509Certificate> chain) {
        for (int i = 0; i < chain.size(); i++) {
            Optional<X509Certificate> ours = named(chain.get(i));
            if (ours.isPresent()) {
                X509Certificate intermediate = ours.get();
                for (X509Certificate rest : chain.subList(i + 1, chain.size())) {
                    if (!rest.equals(intermediate) && !rest.equals(hierarchy.root())) {
                        throw malformed("only this CA's intermediate and root may follow the"
                                + " SCA certificate");
                    }
                }
                return i;
            }
        }
        throw new PolicyException(Violation.DELEGATE_PARENT_INVALID, "the chain holds no SCA"
                + " certificate issued by this CA (" + hierarchy.intermediate()
                .getSubjectX500Principal().getName() + ")");
    }

    /** Our intermediate whose subject is {@code certificate}'s issuer, if any. */
    private Optional<X509Certificate> named(X509Certificate certificate) {
        return intermediates.get().stream().filter(i -> i.getSubjectX500Principal()
                .equals(certificate.getIssuerX500Principal())).findFirst();
    }

    private static void requireOurLiveSca(Optional<CertificateRecord> found,
                                          X509Certificate sca) {
        CertificateRecord record = found.filter(r -> r.der().isPresent()
                && Arrays.equals(r.der().get(), encoded(sca))).orElseThrow(() ->
                new PolicyException(Violation.DELEGATE_PARENT_INVALID, "the SCA certificate "
                        + sca.getSerialNumber().toString(16) + " was not issued by this CA"));
        if (record.status() == CertificateStatus.REVOKED) {
            throw new PolicyException(Violation.DELEGATE_PARENT_INVALID, "the SCA certificate "
                    + record.serialHex() + " is revoked");
        }
        if (sca.getBasicConstraints() < 0) {
            throw new PolicyException(Violation.DELEGATE_PARENT_INVALID, "certificate "
                    + record.serialHex() + " is not an SCA (BC cA TRUE) certificate");
        }
    }

    private Future<Published> store(DelegateRecord record) {
        return store.insert(record).compose(created -> created
                ? Future.succeededFuture(new Published(record, true))
                : store.find(record.id()).map(stored -> new Published(
                        stored.orElse(record), false)));
    }

    private Future<Published> refused(Throwable failure, String origin) {
        JsonObject details = new JsonObject().put("reason", failure instanceof PolicyException p
                ? p.violation().name() + ": " + p.detail() : "internal error");
        return audit.record(new AuditEvent("delegate.refused", origin, "delegate", details))
                .transform(ignored -> Future.failedFuture(failure));
    }

    private static PolicyException malformed(String detail) {
        return new PolicyException(Violation.DELEGATE_MALFORMED, detail);
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw malformed("a certificate cannot be re-encoded");
        }
    }

    private static String sha256Hex(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(encoded(certificate)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
