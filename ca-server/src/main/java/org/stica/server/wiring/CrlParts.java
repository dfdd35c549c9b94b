package org.stica.server.wiring;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.crl.CrlConfig;
import org.stica.crl.CrlModule;
import org.stica.crl.arl.ArlModule;
import org.stica.hsm.SignerPool;
import org.stica.server.ca.CaAliases;
import org.stica.server.ca.CaHierarchy;
import org.stica.server.ca.CrlPaths;
import org.stica.server.ca.RevokedCaKeys;
import org.stica.server.ecosystem.EcosystemCrl;
import org.stica.server.http.DirectoryMirror;
import org.stica.server.http.DirectoryPublication;
import org.stica.server.http.PublicationPaths;
import org.stica.server.issuance.CertificateRevocationSource;
import org.stica.server.store.pg.PgCaKeyRevocationStore;
import org.stica.server.store.pg.PgCertificateExpiry;
import org.stica.server.store.pg.PgCertificateStore;
import org.stica.server.store.pg.PgRevokedCursor;

/**
 * Revocation publication (STANDARDS.md §6): the SHAKEN CRL, the root's ARL over revoked CA keys,
 * and the optional publication directory that mirrors both.
 */
public record CrlParts(CrlModule crl, ArlModule arl, PgCaKeyRevocationStore caKeyRevocations,
                       Optional<DirectoryPublication> directory, boolean rootOnline) {
    private static final Logger LOG = LoggerFactory.getLogger(CrlParts.class);
    private static final Duration ARL_VALIDITY = Duration.ofDays(7);

    /**
     * @param rootOnline whether the root key is in the online vault ({@link KeyParts}): then
     *                   this server signs the ARL, else it serves the ARLs ceremonies stored
     */
    public static CrlParts build(Basics basics, DatabaseParts db, SignerPool signer,
                                 PgCertificateStore certificates, boolean rootOnline) {
        Vertx vertx = basics.vertx();
        CaHierarchy hierarchy = db.hierarchy();
        URI ownCrlUrl = EcosystemCrl.ownCrlUrl(basics.config().ecosystem(), hierarchy,
                basics.revocationUrl());
        warnAboutNaming(basics, hierarchy, ownCrlUrl);
        CrlConfig crlConfig = crlConfig(basics, db, hierarchy, ownCrlUrl);
        CrlModule crl = new CrlModule(vertx, db.pool(), signer,
                new CertificateRevocationSource(certificates, hierarchy,
                        new PgCertificateExpiry(db.pool()), new PgRevokedCursor(db.pool()))
                        .withIssuers(db.issuers()::nameOf, db.issuers()::isOurs),
                crlConfig, basics.clock());
        basics.metrics().follow(crl);
        PgCaKeyRevocationStore caKeyRevocations = new PgCaKeyRevocationStore(db.pool());
        ArlModule arl = new ArlModule(vertx, db.pool(), signer, CaAliases.ROOT, hierarchy.root(),
                PublicationPaths.ARL, ARL_VALIDITY, crlConfig.refreshInterval(),
                new RevokedCaKeys(caKeyRevocations, X500Name.getInstance(
                        hierarchy.root().getSubjectX500Principal().getEncoded())),
                basics.clock());
        Optional<DirectoryPublication> directory = basics.config().publication().directory()
                .map(dir -> new DirectoryPublication(vertx, dir));
        directory.ifPresent(d -> new DirectoryMirror(d).follow(crl, ownCrlUrl.getPath(), arl));
        return new CrlParts(crl, arl, caKeyRevocations, directory, rootOnline);
    }

    /**
     * With the root online, signs the root's ARL (STANDARDS.md §6.5: Java checks the CRL signer
     * against a CRL from the root) and re-signs it at half-life; with the root offline, serves
     * the newest ARL an {@code arl} ceremony stored (issue 16).
     */
    public Future<Void> startArl() {
        if (rootOnline) {
            return arl.start();
        }
        LOG.info("root key offline: serving the ceremony-signed ARL at {}", PublicationPaths.ARL);
        return arl.serveStored();
    }

    /**
     * After a CA key revocation: with the root online, signs an ARL listing it now; with the
     * root offline, the revocation is recorded and the next {@code arl} ceremony lists it.
     */
    public Future<Void> publishArl() {
        if (rootOnline) {
            return arl.publishNow();
        }
        LOG.warn("a CA key was revoked while the root is offline: run `stica-server ceremony arl`"
                + " so that the ARL at {} lists it", PublicationPaths.ARL);
        return Future.succeededFuture();
    }

    /** Writes the roots and CRL signer to the publication directory, if there is one. */
    public Future<Void> writeStatic(CaHierarchy hierarchy) {
        return directory.map(d -> new DirectoryMirror(d).writeStatic(hierarchy))
                .orElseGet(Future::succeededFuture);
    }

    /**
     * The CRL the intermediate names against the one this CA serves: a publicUrl changed since
     * init-ca (the intermediate's URL is kept), or an intermediate of the other ecosystem
     * (issue 20: roll it over so that intermediates and end entities name the same CRL).
     */
    private static void warnAboutNaming(Basics basics, CaHierarchy hierarchy, URI ownCrlUrl) {
        URI expectedCrlUrl = URI.create(basics.revocationUrl() + CrlPaths.CRL);
        boolean stiPa = basics.config().ecosystem().stiPa();
        if (stiPa && hierarchy.intermediateNamesOwnCrl()) {
            LOG.warn("ecosystem.mode is sti-pa but the active intermediate names this CA's own"
                    + " CRL {}: end entities name the STI-PA CRL; roll the intermediate over so"
                    + " that it names the STI-PA CRL too", hierarchy.crlUrl());
        } else if (!stiPa && !hierarchy.intermediateNamesOwnCrl()) {
            LOG.warn("ecosystem.mode is private but the active intermediate names the external"
                    + " CRL {}; serving this CA's CRL at {}; roll the intermediate over",
                    hierarchy.crlUrl(), ownCrlUrl);
        } else if (!ownCrlUrl.equals(expectedCrlUrl)) {
            LOG.warn("the intermediate names the CRL at {} but publicUrl (or http.plainUrl)"
                    + " gives {}; serving and naming {} (fixed by init-ca)", ownCrlUrl, expectedCrlUrl, ownCrlUrl);
        }
    }

    private static CrlConfig crlConfig(Basics basics, DatabaseParts db, CaHierarchy hierarchy,
                                       URI ownCrlUrl) {
        Duration validity = Duration.ofHours(basics.config().ca().crlValidityHours());
        Duration refresh = validity.dividedBy(4).compareTo(Duration.ofMinutes(1)) < 0
                ? validity.dividedBy(4) : Duration.ofMinutes(1);
        return new CrlConfig(ownCrlUrl, ownCrlUrl.getPath(),
                db.crlSignerAlias(), hierarchy.crlSigner(),
                Optional.of(URI.create(basics.revocationUrl() + CrlPaths.SIGNER)), validity,
                refresh);
    }
}
