package org.stica.crl.build;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERGeneralizedTime;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERUTCTime;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.stica.crl.CrlException;
import org.stica.crl.port.RevokedEntry;

/**
 * The revokedCertificates of a CRL being built, DER-encoded one entry at a time by Bouncy Castle
 * (RFC 5280 §5.1.2.6: serial, revocationDate, reasonCode and certificateIssuer entry extensions)
 * and appended to a temporary file, so a CRL with millions of entries never sits in the heap.
 * Not thread-safe: one producer adds batches in order. Delete with {@link #close()}.
 */
public final class EntrySpool implements AutoCloseable {
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern(
            "yyMMddHHmmss'Z'", Locale.ROOT);
    private static final DateTimeFormatter GENERALIZED_TIME = DateTimeFormatter.ofPattern(
            "yyyyMMddHHmmss'Z'", Locale.ROOT);
    private final Path file;
    private final OutputStream out;
    private long bytes;
    private long count;
    private boolean finished;
    private X500Name lastIssuer;
    private byte[] lastIssuerDer;
    private Extension issuerExtension;
    private final Map<Integer, Extensions> byReason = new HashMap<>();

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
            append(encode(entry, extensions(entry)));
        } catch (IOException e) {
            throw new CrlException(CrlException.Kind.INVALID_CONTENT, "cannot spool an entry", e);
        }
    }

    private void append(byte[] der) throws IOException {
        out.write(der);
        bytes += der.length;
        count++;
    }

    private static byte[] encode(RevokedEntry entry, Extensions extensions) {
        try {
            return new DERSequence(new ASN1Encodable[] {
                    new ASN1Integer(entry.serial()), time(entry.revokedAt()), extensions})
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new CrlException(CrlException.Kind.INVALID_CONTENT, "cannot spool an entry", e);
        }
    }

    /**
     * RFC 5280 §5.1.2.4: UTCTime (YYMMDDHHMMSSZ) through 2049, GeneralizedTime after; the same
     * encoding as BC's {@code Time(Date)}, without its per-call date formatter.
     */
    private static ASN1Encodable time(Instant instant) {
        ZonedDateTime utc = instant.atZone(ZoneOffset.UTC);
        return utc.getYear() < 2050 ? new DERUTCTime(UTC_TIME.format(utc))
                : new DERGeneralizedTime(GENERALIZED_TIME.format(utc));
    }

    /**
     * The entry extensions of {@link CrlBuilder} (reasonCode unless unspecified, critical
     * certificateIssuer), reusing the encoded extensions of the previous entry's issuer and reason.
     */
    private Extensions extensions(RevokedEntry entry) throws IOException {
        if (entry.certificateIssuer() != lastIssuer && (lastIssuer == null || !Arrays.equals(
                entry.certificateIssuer().getEncoded(ASN1Encoding.DER), lastIssuerDer))) {
            lastIssuerDer = entry.certificateIssuer().getEncoded(ASN1Encoding.DER);
            lastIssuer = entry.certificateIssuer();
            issuerExtension = new Extension(Extension.certificateIssuer, true,
                    new DEROctetString(new GeneralNames(new GeneralName(lastIssuer))));
            byReason.clear();
        }
        return byReason.computeIfAbsent(entry.reasonCode(), code -> code == CRLReason.unspecified
                ? new Extensions(issuerExtension)
                : new Extensions(new Extension[] {reasonExtension(code), issuerExtension}));
    }

    private static Extension reasonExtension(int code) {
        try {
            return new Extension(Extension.reasonCode, false,
                    new DEROctetString(CRLReason.lookup(code)));
        } catch (IOException e) {
            throw new CrlException(CrlException.Kind.INVALID_CONTENT, "cannot encode a reason", e);
        }
    }

    /** Appends every entry of {@code batch}, in order (encoding in parallel). */
    public void addAll(List<RevokedEntry> batch) {
        Extensions[] extensions = new Extensions[batch.size()];
        try {
            for (int i = 0; i < extensions.length; i++) {
                CrlBuilder.validateEntry(batch.get(i));
                extensions[i] = extensions(batch.get(i));
            }
            byte[][] encoded = new byte[extensions.length][];
            IntStream.range(0, encoded.length).parallel()
                    .forEach(i -> encoded[i] = encode(batch.get(i), extensions[i]));
            for (byte[] der : encoded) {
                append(der);
            }
        } catch (IOException e) {
            throw new CrlException(CrlException.Kind.INVALID_CONTENT, "cannot spool an entry", e);
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
