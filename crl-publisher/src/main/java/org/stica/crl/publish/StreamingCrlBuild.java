package org.stica.crl.publish;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import org.stica.crl.build.CrlContent;
import org.stica.crl.build.EntrySpool;
import org.stica.crl.build.StreamingCrlWriter;
import org.stica.crl.port.RevokedCertificateSource;
import org.stica.hsm.SignerPool;

/**
 * Builds a CRL of any size without holding its entries in memory: revoked certificates are
 * streamed from {@link RevokedCertificateSource#streamRevokedUnexpired} in batches, each batch
 * DER-encoded into an {@link EntrySpool} on a worker thread (never on the event loop), then the
 * {@link StreamingCrlWriter} writes and signs the CRL through the {@link SignerPool} into a file.
 */
public final class StreamingCrlBuild {
    private final Vertx vertx;
    private final RevokedCertificateSource source;
    private final SignerPool signer;
    private final String signerAlias;
    private final int batchSize;

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
     * {@code now}) to {@code target}; returns the number of entries listed.
     */
    public Future<Long> build(CrlContent header, Instant now, Path target) {
        EntrySpool spool = EntrySpool.create();
        StreamingCrlWriter writer = new StreamingCrlWriter();
        return source.streamRevokedUnexpired(now, batchSize,
                        batch -> vertx.executeBlocking(() -> {
                            spool.addAll(batch);
                            return null;
                        }))
                .compose(count -> signer.withSigner(signerAlias, contentSigner -> {
                    try (OutputStream out = new BufferedOutputStream(
                            Files.newOutputStream(target), 1 << 16)) {
                        writer.write(header, spool, contentSigner, out);
                    }
                    return count;
                }))
                .eventually(() -> vertx.executeBlocking(() -> {
                    spool.close();
                    return null;
                }));
    }
}
