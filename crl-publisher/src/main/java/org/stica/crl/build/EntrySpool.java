package org.stica.crl.build;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.Time;
import org.stica.crl.CrlException;
import org.stica.crl.port.RevokedEntry;

/**
 * The revokedCertificates of a CRL being built, DER-encoded one entry at a time by Bouncy Castle
 * (RFC 5280 §5.1.2.6: serial, revocationDate, reasonCode and certificateIssuer entry extensions)
 * and appended to a temporary file, so a CRL with millions of entries never sits in the heap.
 * Not thread-safe: one producer adds batches in order. Delete with {@link #close()}.
 */
public final class EntrySpool implements AutoCloseable {
    private final Path file;
    private final OutputStream out;
    private long bytes;
    private long count;
    private boolean finished;

    private EntrySpool(Path file) throws IOException {
        this.file = file;
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    }

    /** A new, empty spool in the default temporary directory. */
    public static EntrySpool create() {
        try {
            Path file = Files.createTempFile("stica-crl-entries", ".der");
            file.toFile().deleteOnExit();
            return new EntrySpool(file);
        } catch (IOException e) {
            throw new CrlException(CrlException.Kind.INVALID_CONTENT, "cannot create a spool", e);
        }
    }

    /** Validates and appends one entry (the same rules as {@link CrlBuilder}). */
    public void add(RevokedEntry entry) {
        CrlBuilder.validateEntry(entry);
        try {
            byte[] der = new DERSequence(new ASN1Encodable[] {
                    new ASN1Integer(entry.serial()),
                    new Time(Date.from(entry.revokedAt())),
                    CrlBuilder.entryExtensions(entry)}).getEncoded(ASN1Encoding.DER);
            out.write(der);
            bytes += der.length;
            count++;
        } catch (IOException e) {
            throw new CrlException(CrlException.Kind.INVALID_CONTENT, "cannot spool an entry", e);
        }
    }

    /** Appends every entry of {@code batch}. */
    public void addAll(Iterable<RevokedEntry> batch) {
        for (RevokedEntry entry : batch) {
            add(entry);
        }
    }

    public long count() {
        return count;
    }

    /** Total length of the encoded entries (the revokedCertificates contents). */
    public long bytes() {
        return bytes;
    }

    /** Flushes the spool and opens it for reading (once all entries are added). */
    InputStream read() throws IOException {
        if (!finished) {
            out.close();
            finished = true;
        }
        return Files.newInputStream(file);
    }

    @Override
    public void close() {
        try {
            out.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // best effort: the file is also deleted on exit
        }
    }
}
