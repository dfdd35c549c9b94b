package org.stica.crl.publish;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.stica.crl.build.CrlContent;
import org.stica.crl.build.EntrySpool;
import org.stica.crl.build.StreamingCrlWriter;
import org.stica.crl.port.RevokedCertificateSource;
import org.stica.crl.port.RevokedEntry;
import org.stica.crl.store.StoredCrl;
import org.stica.hsm.SignerPool;

/**
 * Builds a CRL of any size without holding its entries in memory: revoked certificates are
 * streamed from {@link RevokedCertificateSource#streamRevokedUnexpired} in batches (a PostgreSQL
 * cursor in ca-server), each batch DER-encoded into an {@link EntrySpool} on a worker thread
 * (never on the event loop), then the {@link StreamingCrlWriter} writes and signs the CRL through
 * the {@link SignerPool} into a file, hashing it (SHA-256) as it is written.
 */
public final class StreamingCrlBuild {
    private final Vertx vertx;
    private final RevokedCertificateSource source;
    private final SignerPool signer;
    private final String signerAlias;
    private final int batchSize;

    /** The result of a build: entries listed, SHA-256 (hex) and size of the file. */
    public record Built(long entries, String sha256, long size) {
    }

    public StreamingCrlBuild(Vertx vertx, RevokedCertificateSource source, SignerPool signer,
                             String signerAlias, int batchSize) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.source = Objects.requireNonNull(source, "source");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.signerAlias = Objects.requireNonNull(signerAlias, "signerAlias");
        this.batchSize = batchSize;
    }

    /**
     * Writes the signed CRL of {@code header} (no entries; they come from the source as of
     * {@code now}) to {@code target}; {@code onEntry} sees every entry (on a worker thread, in
     * order).
     */
    public Future<Built> build(CrlContent header, Instant now, Path target,
                               Consumer<RevokedEntry> onEntry) {
        EntrySpool spool = EntrySpool.create();
        StreamingCrlWriter writer = new StreamingCrlWriter();
        return source.streamRevokedUnexpired(now, batchSize, batch -> spool(spool, batch, onEntry))
                .compose(count -> signer.withSigner(signerAlias, contentSigner -> {
                    MessageDigest digest = StoredCrl.newSha256();
                    long size;
                    try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(
                            Files.newOutputStream(target), 1 << 16), digest)) {
                        size = writer.write(header, spool, contentSigner, out);
                    }
                    return new Built(count, HexFormat.of().formatHex(digest.digest()), size);
                }))
                .eventually(() -> vertx.executeBlocking(() -> {
                    spool.close();
                    return null;
                }, false));
    }

    /** As {@link #build(CrlContent, Instant, Path, Consumer)} without watching the entries. */
    public Future<Long> build(CrlContent header, Instant now, Path target) {
        return build(header, now, target, entry -> { }).map(Built::entries);
    }

    private Future<Void> spool(EntrySpool spool, List<RevokedEntry> batch,
                               Consumer<RevokedEntry> onEntry) {
        return vertx.executeBlocking(() -> {
            spool.addAll(batch);
            batch.forEach(onEntry);
            return null;
        }, false);
    }
}
