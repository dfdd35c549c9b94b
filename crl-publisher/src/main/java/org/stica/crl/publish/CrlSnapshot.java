package org.stica.crl.publish;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.stica.crl.check.CrlEntryCount;
import org.stica.crl.store.StoredCrl;

/**
 * The CRL an instance currently serves, with its encodings prepared once so a download never
 * touches the database (STANDARDS.md §6.4): DER, PEM ({@code X509 CRL}) and the strong ETag
 * {@code "<sha256 of the DER>"}.
 */
public final class CrlSnapshot {
    private final StoredCrl crl;
    private final byte[] der;
    private final byte[] pem;
    private volatile long entries = -1;

    private CrlSnapshot(StoredCrl crl, byte[] der, byte[] pem) {
        this.crl = crl;
        this.der = der;
        this.pem = pem;
    }

    public static CrlSnapshot of(StoredCrl crl) {
        Objects.requireNonNull(crl, "crl");
        byte[] der = crl.der();
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject("X509 CRL", der));
        } catch (IOException e) {
            throw new IllegalStateException("PEM encoding into memory cannot fail", e);
        }
        return new CrlSnapshot(crl, der, out.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** Entries on the CRL, counted once on first use (CPU-bound: call off the event loop). */
    public long entryCount() {
        long count = entries;
        if (count < 0) {
            count = CrlEntryCount.of(der);
            entries = count;
        }
        return count;
    }

    public StoredCrl crl() {
        return crl;
    }

    /** The DER bytes; callers must not modify the array. */
    public byte[] derBytes() {
        return der;
    }

    /** The PEM bytes; callers must not modify the array. */
    public byte[] pemBytes() {
        return pem;
    }

    /** Strong ETag of the DER representation (RFC 9110 §8.8.3). */
    public String etag() {
        return "\"" + crl.sha256() + "\"";
    }

    /** Strong ETag of the PEM representation: differs from the DER one (RFC 9110 §8.8.3). */
    public String pemEtag() {
        return "\"" + crl.sha256() + "-pem\"";
    }
}
