package org.stica.crl.publish;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bouncycastle.asn1.x500.X500Name;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.crl.CrlConfig;
import org.stica.crl.build.CrlContent;
import org.stica.crl.check.CrlCoverageCheck;
import org.stica.crl.check.CrlFileReader;
import org.stica.crl.check.CrlRetentionCheck;
import org.stica.crl.check.CrlSafetyCheck;
import org.stica.crl.check.CrlSummary;
import org.stica.crl.check.EntryKeys;
import org.stica.crl.port.RevokedCertificateSource;
import org.stica.crl.port.RevokedEntry;
import org.stica.crl.port.RevokedKey;
import org.stica.crl.store.StoredCrl;

/**
 * Makes the next CRL from the previous one and the current revocations, streaming end to end:
 * numbers it without any process-local counter ({@code max(previous + 1, thisUpdate in epoch
 * milliseconds)}, RFC 5280 §5.2.3), builds and signs it into a file with
 * {@link StreamingCrlBuild} (entries read in batches through the source's cursor, signed through
 * the signer pool), then, off the event loop, reads the new file once (signature, fields) and the
 * previous file once (IDP, entries) for the {@link CrlSafetyCheck} and the
 * {@link CrlRetentionCheck}. Only compact entry keys (8 bytes an entry) are kept in memory.
 */
public final class CrlProducer {
    private static final Logger LOG = LoggerFactory.getLogger(CrlProducer.class);

    private final Vertx vertx;
    private final RevokedCertificateSource source;
    private final StreamingCrlBuild build;
    private final CrlSafetyCheck safety;
    private final CrlConfig config;
    private final Path workDir;

    public CrlProducer(Vertx vertx, RevokedCertificateSource source, StreamingCrlBuild build,
                       CrlSafetyCheck safety, CrlConfig config, Path workDir) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.source = Objects.requireNonNull(source, "source");
        this.build = Objects.requireNonNull(build, "build");
        this.safety = Objects.requireNonNull(safety, "safety");
        this.config = Objects.requireNonNull(config, "config");
        this.workDir = Objects.requireNonNull(workDir, "workDir");
    }

    /**
     * The signed and checked successor of {@code previous} listing the source's revocations as of
     * {@code now}, in a file of the work directory; not yet stored.
     */
    public Future<StoredCrl> produce(Optional<StoredCrl> previous, Instant now,
                                     Duration validity) {
        Instant thisUpdate = thisUpdate(previous, now);
        Instant nextUpdate = thisUpdate.plus(validity);
        BigInteger number = number(previous, thisUpdate);
        CrlContent header = new CrlContent(config.signerCertificate(), config.crlUrl(),
                config.signerCertUrl(), number, thisUpdate, nextUpdate, List.of());
        EntryKeys kept = new EntryKeys();
        IssuerEncoding issuers = new IssuerEncoding();
        return vertx.executeBlocking(() -> {
            Files.createDirectories(workDir);
            return Files.createTempFile(workDir, "build-", ".part");
        }, false).compose(file -> build.build(header, now, file, entry -> kept.add(
                        issuers.of(entry.certificateIssuer()), entry.serial(),
                        EntryKeys.ANY_REASON))
                .compose(built -> check(previous, new StoredCrl(number, thisUpdate, nextUpdate,
                        built.sha256(), built.size(), built.entries(), file), kept.seal()))
                .compose(candidate -> vertx.executeBlocking(() -> candidate.at(Files.move(
                        file, workDir.resolve(candidate.sha256() + ".der"),
                        StandardCopyOption.REPLACE_EXISTING)), false))
                .onFailure(e -> vertx.executeBlocking(() -> Files.deleteIfExists(file), false)));
    }

    /**
     * True when {@code crl} already lists every current revocation with its reason (the CRL file
     * is read once into compact keys; the revocations stream from the source).
     */
    public Future<Boolean> covers(StoredCrl crl, Instant now, int batchSize) {
        CrlCoverageCheck coverage = new CrlCoverageCheck();
        AtomicBoolean all = new AtomicBoolean(true);
        return vertx.executeBlocking(() -> coverage.listed(crl.file()), false)
                .compose(listed -> source.streamRevokedUnexpired(now, batchSize, batch -> {
                    if (all.get() && !batch.stream().allMatch(e -> coverage.lists(listed, e))) {
                        all.set(false);
                    }
                    return Future.succeededFuture();
                }))
                .map(count -> all.get());
    }

    /** Safety and retention checks of {@code candidate} (files read off the event loop). */
    private Future<StoredCrl> check(Optional<StoredCrl> previous, StoredCrl candidate,
                                    EntryKeys kept) {
        CrlRetentionCheck retention = new CrlRetentionCheck();
        List<RevokedKey> dropped = new ArrayList<>();
        CrlFileReader reader = new CrlFileReader();
        return vertx.executeBlocking(() -> {
            CrlSummary summary = reader.read(candidate.file(),
                    Optional.of(safety.signerCertificate()), Optional.empty());
            Optional<CrlSummary> before = previous.map(p -> reader.read(p.file(),
                    Optional.empty(), Optional.of(retention.collector(kept, dropped))));
            safety.verify(before, previous, summary, candidate);
            return dropped;
        }, false).compose(gone -> gone.isEmpty() ? Future.succeededFuture(candidate)
                : source.notAfter(gone).map(expiry -> {
                    retention.verify(gone, expiry, candidate.thisUpdate());
                    return candidate;
                }));
    }

    /**
     * Whole seconds, never before the previous CRL's thisUpdate (another instance's clock may
     * lead).
     */
    private static Instant thisUpdate(Optional<StoredCrl> previous, Instant now) {
        Instant truncated = now.truncatedTo(ChronoUnit.SECONDS);
        if (previous.isPresent() && truncated.isBefore(previous.get().thisUpdate())) {
            LOG.warn("clock is behind the newest CRL's thisUpdate ({} < {}); reusing it",
                    truncated, previous.get().thisUpdate());
            return previous.get().thisUpdate();
        }
        return truncated;
    }

    private static BigInteger number(Optional<StoredCrl> previous, Instant thisUpdate) {
        BigInteger fromTime = BigInteger.valueOf(thisUpdate.toEpochMilli());
        return previous.map(p -> p.number().add(BigInteger.ONE).max(fromTime)).orElse(fromTime);
    }

    /** Encodes each issuer Name once while a build streams (entries share the instance). */
    private static final class IssuerEncoding {
        private X500Name last;
        private byte[] lastDer;

        byte[] of(X500Name issuer) {
            if (issuer != last) {
                lastDer = CrlRetentionCheck.encoded(issuer);
                last = issuer;
            }
            return lastDer;
        }
    }
}
