package org.stica.server.ca;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.bouncycastle.asn1.x500.X500Name;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.server.store.pg.PgCaKeyStore;

/**
 * Every issuing intermediate recorded in {@code ca_key}, kept current on every instance that
 * shares the database: the newest intermediate is the active issuer for new certificates (after
 * an intermediate rollover it is the successor), while older ones keep naming, chaining and
 * listing on the CRL the certificates they signed. Reloaded every {@code period} and right after
 * a rollover on this instance; a failed reload keeps the last state and is logged.
 */
public final class CaIssuers {
    private static final Logger LOG = LoggerFactory.getLogger(CaIssuers.class);

    /** The issuer new certificates are signed by: its KeyVault alias and certificate. */
    public record ActiveIssuer(String alias, X509Certificate certificate) {
    }

    private final PgCaKeyStore store;
    private volatile List<CaKeyRecord> intermediates;
    /** The roots recorded in {@code ca_key} (one; the issuer of the intermediates). */
    private volatile List<CaKeyRecord> roots;
    private Function<String, Future<Boolean>> keyReady = alias -> Future.succeededFuture(true);
    private long timer = -1;

    /** @param records the {@code ca_key} rows read at start-up (oldest first) */
    public CaIssuers(PgCaKeyStore store, List<CaKeyRecord> records) {
        this.store = store;
        this.intermediates = intermediatesOf(records);
        this.roots = rootsOf(records);
    }

    /** Reloads every {@code period} on {@code vertx}. */
    public void start(Vertx vertx, Duration period) {
        timer = vertx.setPeriodic(period.toMillis(), id -> reload().onFailure(e ->
                LOG.warn("reloading the CA intermediates failed; keeping the last state", e)));
    }

    public void stop(Vertx vertx) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /**
     * Before a new intermediate becomes the issuer, whether its key can sign here (e.g. the
     * vault re-read the token, since a ceremony in another process stored it); until then the
     * previous state is kept. Default: always.
     */
    public CaIssuers withKeyCheck(Function<String, Future<Boolean>> check) {
        this.keyReady = check;
        return this;
    }

    /** Reads {@code ca_key} again. */
    public Future<Void> reload() {
        return store.all().compose(records -> {
            roots = rootsOf(records);
            List<CaKeyRecord> loaded = intermediatesOf(records);
            if (loaded.isEmpty()) {
                return Future.succeededFuture();
            }
            CaKeyRecord before = intermediates.get(intermediates.size() - 1);
            CaKeyRecord after = loaded.get(loaded.size() - 1);
            if (before.alias().equals(after.alias())) {
                intermediates = loaded;
                return Future.succeededFuture();
            }
            return keyReady.apply(after.alias()).map(ready -> {
                if (ready) {
                    LOG.info("active issuing intermediate is now '{}' ({})", after.alias(),
                            after.certificate().getSubjectX500Principal().getName());
                    intermediates = loaded;
                } else {
                    LOG.warn("intermediate '{}' is in ca_key but its key is not in the vault;"
                            + " '{}' keeps issuing", after.alias(), before.alias());
                }
                return null;
            });
        });
    }

    /** The newest intermediate: the issuer of new certificates. */
    public ActiveIssuer active() {
        CaKeyRecord newest = intermediates.get(intermediates.size() - 1);
        return new ActiveIssuer(newest.alias(), newest.certificate());
    }

    /** Every intermediate, oldest first. */
    public List<CaKeyRecord> all() {
        return intermediates;
    }

    /** Every intermediate's certificate, oldest first. */
    public List<X509Certificate> certificates() {
        return intermediates.stream().map(CaKeyRecord::certificate).toList();
    }

    /** The certificate of intermediate {@code alias} (as recorded in {@code certificate}). */
    public Optional<X509Certificate> byAlias(String alias) {
        return intermediates.stream().filter(r -> r.alias().equals(alias))
                .map(CaKeyRecord::certificate).findFirst();
    }

    /** The subject of intermediate {@code alias}; the active one's when unknown. */
    public X500Name nameOf(String alias) {
        return name(byAlias(alias).orElse(active().certificate()));
    }

    /** Whether {@code issuer} names one of our intermediates. */
    public boolean isOurs(X500Name issuer) {
        return intermediates.stream().anyMatch(r -> name(r.certificate()).equals(issuer));
    }

    /** The intermediate that signed {@code certificate}: same issuer name and a valid signature. */
    public Optional<X509Certificate> signerOf(X509Certificate certificate) {
        for (CaKeyRecord record : intermediates) {
            X509Certificate candidate = record.certificate();
            if (!certificate.getIssuerX500Principal()
                    .equals(candidate.getSubjectX500Principal())) {
                continue;
            }
            try {
                certificate.verify(candidate.getPublicKey());
                return Optional.of(candidate);
            } catch (GeneralSecurityException | RuntimeException e) {
                // not this one
            }
        }
        return Optional.empty();
    }

    private static X500Name name(X509Certificate certificate) {
        return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    }

    /**
     * The certificate of intermediate or root {@code alias}: an issuer a revocation report may
     * name (a certificate's intermediate, or an intermediate's root).
     */
    public Optional<X509Certificate> issuerCertificate(String alias) {
        return byAlias(alias).or(() -> roots.stream().filter(r -> r.alias().equals(alias))
                .map(CaKeyRecord::certificate).findFirst());
    }

    private static List<CaKeyRecord> rootsOf(List<CaKeyRecord> records) {
        return records.stream().filter(r -> r.role() == CaKeyRole.ROOT).toList();
    }

    private static List<CaKeyRecord> intermediatesOf(List<CaKeyRecord> records) {
        return records.stream().filter(r -> r.role() == CaKeyRole.INTERMEDIATE).toList();
    }
}
