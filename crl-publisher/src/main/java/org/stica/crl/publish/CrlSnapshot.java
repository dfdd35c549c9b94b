package org.stica.crl.publish;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import org.stica.crl.check.CrlEntryCount;
import org.stica.crl.store.StoredCrl;

/**
 * The CRL an instance currently serves (STANDARDS.md §6.4): the DER file, a PEM file
 * ({@code X509 CRL}) written once beside it, and the strong ETag {@code "<sha256 of the DER>"}.
 * Downloads of a large CRL are served from these files (sendFile), so it is never copied into
 * the heap per request; a small one (at most {@link #IN_MEMORY_MAX_BYTES}) is also held in memory
 * and written from there. No download touches the database.
 */
public final class CrlSnapshot {
    private static final byte[] PEM_BEGIN = "-----BEGIN X509 CRL-----\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PEM_END = "-----END X509 CRL-----\n"
            .getBytes(StandardCharsets.US_ASCII);

    /** CRLs up to this size are also kept in memory and served from there (no file per GET). */
    public static final long IN_MEMORY_MAX_BYTES = 1 << 20;

    private final StoredCrl crl;
    private final Path pem;
    private final long pemSize;
    private final byte[] derBytes;
    private final byte[] pemBytes;
    private volatile long entries;

    private CrlSnapshot(StoredCrl crl, Path pem, long pemSize, long inMemoryMax)
            throws IOException {
        this.crl = crl;
        this.pem = pem;
        this.pemSize = pemSize;
        this.entries = crl.entries();
        boolean small = crl.size() <= inMemoryMax && pemSize <= 2 * inMemoryMax;
        this.derBytes = small ? Files.readAllBytes(crl.file()) : null;
        this.pemBytes = small ? Files.readAllBytes(pem) : null;
    }

    /**
     * The snapshot of {@code crl}, writing its PEM file beside the DER if missing (blocking: call
     * off the event loop).
     */
    public static CrlSnapshot of(StoredCrl crl) {
        return of(crl, IN_MEMORY_MAX_BYTES);
    }

    /** As {@link #of(StoredCrl)}, holding the bytes in memory only up to {@code inMemoryMax}. */
    public static CrlSnapshot of(StoredCrl crl, long inMemoryMax) {
        Objects.requireNonNull(crl, "crl");
        Path pem = crl.file().resolveSibling(crl.file().getFileName() + ".pem");
        try {
            if (!Files.isRegularFile(pem)) {
                Path temp = Files.createTempFile(pem.getParent(), "pem-", ".part");
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp),
                        1 << 16)) {
                    out.write(PEM_BEGIN);
                    try (OutputStream base64 = Base64.getMimeEncoder(64, new byte[] {'\n'})
                            .wrap(nonClosing(out))) {
                        Files.copy(crl.file(), base64);
                    }
                    out.write('\n');
                    out.write(PEM_END);
                }
                Files.move(temp, pem, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
            return new CrlSnapshot(crl, pem, Files.size(pem), inMemoryMax);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the PEM of CRL " + crl.number(), e);
        }
    }

    /** Entries on the CRL (counted once from the file when the store did not know it). */
    public long entryCount() {
        long count = entries;
        if (count < 0) {
            count = CrlEntryCount.of(crl.file());
            entries = count;
        }
        return count;
    }

    public StoredCrl crl() {
        return crl;
    }

    /** The DER file. */
    public Path derFile() {
        return crl.file();
    }

    /** The PEM file. */
    public Path pemFile() {
        return pem;
    }

    /**
     * The DER bytes when the CRL is small enough to serve from memory (at most
     * {@link #IN_MEMORY_MAX_BYTES}); empty for a large CRL, which is served from its file.
     */
    public Optional<byte[]> derBytes() {
        return Optional.ofNullable(derBytes);
    }

    /** The PEM bytes, kept in memory under the same rule as {@link #derBytes()}. */
    public Optional<byte[]> pemBytes() {
        return Optional.ofNullable(pemBytes);
    }

    public long derSize() {
        return crl.size();
    }

    public long pemSize() {
        return pemSize;
    }

    /** Strong ETag of the DER representation (RFC 9110 §8.8.3). */
    public String etag() {
        return "\"" + crl.sha256() + "\"";
    }

    /** Strong ETag of the PEM representation: differs from the DER one (RFC 9110 §8.8.3). */
    public String pemEtag() {
        return "\"" + crl.sha256() + "-pem\"";
    }

    /** Deletes the files of this snapshot (once another one is served; blocking). */
    public void delete() {
        try {
            Files.deleteIfExists(pem);
            Files.deleteIfExists(crl.file());
        } catch (IOException e) {
            // best effort: the cache directory is temporary
        }
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] data, int off, int len) throws IOException {
                out.write(data, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
