package org.stica.crl.check;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1StreamParser;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.stica.crl.CrlException;
import org.stica.crl.build.DerHeader;

/**
 * Reads a DER CRL (RFC 5280 §5.1) from a file without holding it in memory: the TBSCertList
 * passes once through the signature verifier while its small fields are parsed by Bouncy Castle
 * and its entries, one at a time, by BC's stream parser and handed to an {@link EntryVisitor}
 * (or skipped). Only the container headers are read by {@link DerHeader}. Any malformation is a
 * {@link CrlException} of kind {@code UNSAFE}. Blocking and CPU-bound: call off the event loop.
 */
public final class CrlFileReader {
    private static final int BUFFER = 1 << 16;
    /** Largest single field other than revokedCertificates (names, extensions). */
    private static final int MAX_FIELD = 1 << 20;
    private static final int UTC_TIME = 0x17;
    private static final int GENERALIZED_TIME = 0x18;
    private static final int INTEGER = 0x02;
    private static final int EXTENSIONS = 0xa0;

    /**
     * Reads {@code file}; verifies the signature with {@code verifyWith} when present and hands
     * every entry to {@code visitor} when present.
     */
    public CrlSummary read(Path file, Optional<X509Certificate> verifyWith,
                           Optional<EntryVisitor> visitor) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER)) {
            return read(in, verifyWith, visitor);
        } catch (IOException | RuntimeException e) {
            if (e instanceof CrlException crl) {
                throw crl;
            }
            throw new CrlException(CrlException.Kind.UNSAFE, "the CRL " + file.getFileName()
                    + " does not parse: " + e.getMessage(), e);
        }
    }

    private CrlSummary read(InputStream raw, Optional<X509Certificate> verifyWith,
                            Optional<EntryVisitor> visitor) throws IOException {
        Sink sink = new Sink();
        Counting in = new Counting(raw, sink);
        DerHeader.Header outer = DerHeader.read(in);
        long outerStart = in.count;
        DerHeader.Header tbs = DerHeader.read(in);
        require(outer.tag() == DerHeader.SEQUENCE && tbs.tag() == DerHeader.SEQUENCE,
                "not a CertificateList");
        sink.teeing = true;
        sink.write(tbs.encoded());
        long tbsStart = in.count;
        DerHeader.Header versionHeader = DerHeader.read(in);
        require(versionHeader.tag() == INTEGER, "version is missing: only v2 CRLs are accepted");
        ASN1Primitive version = content(in, versionHeader);
        require(ASN1Integer.getInstance(version).hasValue(1),
                "the CRL is not v2 (RFC 5280 §5.1.2.1)");
        AlgorithmIdentifier algorithm = AlgorithmIdentifier.getInstance(field(in));
        Optional<ContentVerifier> verifier = verifier(verifyWith, algorithm);
        sink.start(verifier.map(ContentVerifier::getOutputStream));
        byte[] issuer = field(in).getEncoded(ASN1Encoding.DER);
        Instant thisUpdate = Time.getInstance(field(in)).getDate().toInstant();
        Optional<Instant> nextUpdate = Optional.empty();
        Extensions extensions = null;
        long entries = visitor.isPresent() ? 0 : -1;
        boolean revokedSeen = false;
        while (in.count - tbsStart < tbs.length()) {
            DerHeader.Header header = DerHeader.read(in);
            int tag = header.tag();
            if ((tag == UTC_TIME || tag == GENERALIZED_TIME) && nextUpdate.isEmpty()
                    && !revokedSeen && extensions == null) {
                nextUpdate = Optional.of(Time.getInstance(content(in, header)).getDate()
                        .toInstant());
            } else if (tag == DerHeader.SEQUENCE && !revokedSeen && extensions == null) {
                revokedSeen = true;
                entries = entries(in, header.length(), issuer, visitor);
            } else if (tag == EXTENSIONS && extensions == null) {
                extensions = Extensions.getInstance(ASN1TaggedObject.getInstance(
                        content(in, header)), true);
            } else {
                throw new IOException("unexpected field with tag " + tag + " in the TBSCertList");
            }
        }
        require(in.count - tbsStart == tbs.length(), "the TBSCertList length is wrong");
        sink.teeing = false;
        AlgorithmIdentifier outerAlgorithm = AlgorithmIdentifier.getInstance(field(in));
        ASN1BitString signature = ASN1BitString.getInstance(field(in));
        require(in.count - outerStart == outer.length() && in.read() < 0,
                "the CertificateList length is wrong or data follows it");
        require(outerAlgorithm.equals(algorithm),
                "signatureAlgorithm differs from the TBSCertList signature (RFC 5280 §5.1.1.2)");
        Optional<Boolean> valid = verifier.map(v -> v.verify(signature.getOctets()));
        return new CrlSummary(issuer, number(extensions), thisUpdate, nextUpdate,
                Optional.ofNullable(extensions).map(
                        e -> e.getExtension(Extension.issuingDistributionPoint)),
                valid, entries);
    }

    private static long entries(Counting in, long length, byte[] crlIssuer,
                                Optional<EntryVisitor> visitor) throws IOException {
        Bounded bounded = new Bounded(in, length);
        if (visitor.isEmpty()) {
            bounded.transferTo(OutputStream.nullOutputStream());
            return -1;
        }
        ASN1StreamParser parser = new ASN1StreamParser(bounded, (int) Math.min(length,
                Integer.MAX_VALUE));
        IssuerCache issuers = new IssuerCache(crlIssuer);
        long count = 0;
        for (ASN1Encodable item = parser.readObject(); item != null; item = parser.readObject()) {
            ASN1Sequence entry = ASN1Sequence.getInstance(item.toASN1Primitive());
            BigInteger serial = ASN1Integer.getInstance(entry.getObjectAt(0)).getValue();
            int reason = CRLReason.unspecified;
            if (entry.size() > 2) {
                Extensions ext = Extensions.getInstance(entry.getObjectAt(2));
                Extension issuer = ext.getExtension(Extension.certificateIssuer);
                if (issuer != null) {
                    issuers.use(issuer.getExtnValue().getOctets());
                }
                Extension code = ext.getExtension(Extension.reasonCode);
                if (code != null) {
                    reason = CRLReason.getInstance(code.getParsedValue()).getValue().intValue();
                }
            }
            visitor.get().visit(issuers.current, serial, reason);
            count++;
        }
        require(bounded.remaining == 0, "revokedCertificates has trailing data");
        return count;
    }

    private static Optional<BigInteger> number(Extensions extensions) {
        if (extensions == null || extensions.getExtension(Extension.cRLNumber) == null) {
            return Optional.empty();
        }
        return Optional.of(CRLNumber.getInstance(extensions.getExtension(Extension.cRLNumber)
                .getParsedValue()).getCRLNumber());
    }

    private static Optional<ContentVerifier> verifier(Optional<X509Certificate> cert,
                                                      AlgorithmIdentifier algorithm) {
        if (cert.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new JcaContentVerifierProviderBuilder().build(cert.get())
                    .get(algorithm));
        } catch (OperatorCreationException e) {
            throw new CrlException(CrlException.Kind.UNSAFE,
                    "no verifier for the CRL's signature algorithm", e);
        }
    }

    /** Reads one small element (header and content) and parses it with BC. */
    private static ASN1Primitive field(Counting in) throws IOException {
        return content(in, DerHeader.read(in));
    }

    private static ASN1Primitive content(Counting in, DerHeader.Header header) throws IOException {
        if (header.length() > MAX_FIELD) {
            throw new IOException("a CRL field is larger than " + MAX_FIELD + " bytes");
        }
        byte[] encoded = Arrays.copyOf(header.encoded(),
                header.encoded().length + (int) header.length());
        int offset = header.encoded().length;
        while (offset < encoded.length) {
            int n = in.read(encoded, offset, encoded.length - offset);
            if (n < 0) {
                throw new EOFException("truncated CRL");
            }
            offset += n;
        }
        return ASN1Primitive.fromByteArray(encoded);
    }

    private static void require(boolean condition, String detail) {
        if (!condition) {
            throw new CrlException(CrlException.Kind.UNSAFE, detail);
        }
    }

    /** The issuer Name in force (RFC 5280 §5.3.3), re-parsed only when the extension changes. */
    private static final class IssuerCache {
        private byte[] extensionValue = new byte[0];
        private byte[] current;

        IssuerCache(byte[] crlIssuer) {
            this.current = crlIssuer;
        }

        void use(byte[] value) throws IOException {
            if (Arrays.equals(value, extensionValue)) {
                return;
            }
            for (GeneralName name : GeneralNames.getInstance(value).getNames()) {
                if (name.getTagNo() == GeneralName.directoryName) {
                    current = X500Name.getInstance(name.getName()).getEncoded(ASN1Encoding.DER);
                    extensionValue = value;
                    return;
                }
            }
            throw new IOException("certificateIssuer without a directoryName (RFC 5280 §5.3.3)");
        }
    }

    /** Where the bytes of the TBSCertList go: buffered until the verifier exists, then to it. */
    private static final class Sink extends OutputStream {
        private ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private OutputStream target;
        private boolean teeing;

        void start(Optional<OutputStream> verifierStream) throws IOException {
            target = verifierStream.orElse(OutputStream.nullOutputStream());
            target.write(pending.toByteArray());
            pending = null;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] data, int off, int len) throws IOException {
            if (!teeing) {
                return;
            }
            if (target == null) {
                pending.write(data, off, len);
            } else {
                target.write(data, off, len);
            }
        }
    }

    /** Counts the bytes read and copies them to the sink. */
    private static final class Counting extends FilterInputStream {
        private final Sink sink;
        private long count;

        Counting(InputStream in, Sink sink) {
            super(in);
            this.sink = sink;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
                sink.write(b);
            }
            return b;
        }

        @Override
        public int read(byte[] data, int off, int len) throws IOException {
            int n = super.read(data, off, len);
            if (n > 0) {
                count += n;
                sink.write(data, off, n);
            }
            return n;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public long skip(long n) throws IOException {
            throw new IOException("skip is not supported");
        }
    }

    /** At most {@code remaining} bytes of the underlying stream. */
    private static final class Bounded extends InputStream {
        private final InputStream in;
        private long remaining;

        Bounded(InputStream in, long remaining) {
            this.in = in;
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b < 0) {
                throw new EOFException("truncated CRL");
            }
            remaining--;
            return b;
        }

        @Override
        public int read(byte[] data, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(data, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new EOFException("truncated CRL");
            }
            remaining -= n;
            return n;
        }
    }
}
