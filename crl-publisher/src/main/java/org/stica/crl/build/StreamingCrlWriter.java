package org.stica.crl.build;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.operator.ContentSigner;
import org.stica.crl.CrlException;

/**
 * Writes the same indirect SHAKEN CRL as {@link CrlBuilder} (RFC 5280 §5; STANDARDS.md §6.2)
 * without holding its entries in memory: the entries come DER-encoded from an
 * {@link EntrySpool}; the TBSCertList is written to a temporary file while the same bytes go
 * through the {@link ContentSigner}'s stream (hashing as they pass); then the CertificateList
 * (TBS, signatureAlgorithm, signature BIT STRING) is written to {@code out}. Heap use is a few
 * buffers whatever the number of entries. Every field is encoded by Bouncy Castle; only the
 * lengths of the TBS, revokedCertificates and CertificateList SEQUENCEs come from
 * {@link DerHeader}.
 */
public final class StreamingCrlWriter {
    private static final int BUFFER = 1 << 16;

    /**
     * Writes the signed CRL of {@code header} (whose {@code entries} must be empty) listing the
     * entries of {@code spool}; returns the number of bytes written.
     */
    public long write(CrlContent header, EntrySpool spool, ContentSigner signer, OutputStream out) {
        CrlBuilder.validate(header);
        if (!header.entries().isEmpty()) {
            throw new IllegalArgumentException("streamed entries belong in the spool");
        }
        Path tbsFile = null;
        try {
            tbsFile = Files.createTempFile("stica-crl-tbs", ".der");
            long tbsLength = writeTbs(header, spool, signer, tbsFile);
            byte[] algorithm = signer.getAlgorithmIdentifier().getEncoded(ASN1Encoding.DER);
            byte[] signature = new DERBitString(signer.getSignature()).getEncoded(ASN1Encoding.DER);
            byte[] head = DerHeader.of(DerHeader.SEQUENCE,
                    tbsLength + algorithm.length + signature.length);
            out.write(head);
            try (InputStream tbs = Files.newInputStream(tbsFile)) {
                tbs.transferTo(out);
            }
            out.write(algorithm);
            out.write(signature);
            out.flush();
            return head.length + tbsLength + algorithm.length + signature.length;
        } catch (IOException e) {
            throw new CrlException(CrlException.Kind.INVALID_CONTENT, "cannot write the CRL", e);
        } finally {
            deleteQuietly(tbsFile);
        }
    }

    private static long writeTbs(CrlContent header, EntrySpool spool, ContentSigner signer,
                                 Path tbsFile) throws IOException {
        X509Certificate signerCert = header.signerCertificate();
        byte[] version = new ASN1Integer(1).getEncoded(ASN1Encoding.DER);
        byte[] algorithm = signer.getAlgorithmIdentifier().getEncoded(ASN1Encoding.DER);
        byte[] issuer = X500Name.getInstance(signerCert.getSubjectX500Principal().getEncoded())
                .getEncoded(ASN1Encoding.DER);
        byte[] thisUpdate = new Time(Date.from(header.thisUpdate())).getEncoded(ASN1Encoding.DER);
        byte[] nextUpdate = new Time(Date.from(header.nextUpdate())).getEncoded(ASN1Encoding.DER);
        byte[] entriesHead = spool.count() == 0 ? new byte[0]
                : DerHeader.of(DerHeader.SEQUENCE, spool.bytes());
        long entriesLength = spool.count() == 0 ? 0 : spool.bytes();
        byte[] extensions = new DERTaggedObject(true, 0, crlExtensions(header))
                .getEncoded(ASN1Encoding.DER);
        long content = version.length + algorithm.length + issuer.length + thisUpdate.length
                + nextUpdate.length + entriesHead.length + entriesLength + extensions.length;
        byte[] tbsHead = DerHeader.of(DerHeader.SEQUENCE, content);
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(tbsFile), BUFFER);
             OutputStream sign = signer.getOutputStream()) {
            OutputStream both = new TeeOutputStream(file, sign);
            for (byte[] part : new byte[][] {tbsHead, version, algorithm, issuer, thisUpdate,
                    nextUpdate, entriesHead}) {
                both.write(part);
            }
            if (spool.count() > 0) {
                try (InputStream entries = spool.read()) {
                    byte[] buffer = new byte[BUFFER];
                    for (int n = entries.read(buffer); n >= 0; n = entries.read(buffer)) {
                        both.write(buffer, 0, n);
                    }
                }
            }
            both.write(extensions);
            both.flush();
        }
        return tbsHead.length + content;
    }

    /** The CRL extensions of {@link CrlBuilder}, in the same order. */
    private static ASN1Encodable crlExtensions(CrlContent content) throws IOException {
        ExtensionsGenerator generator = new ExtensionsGenerator();
        try {
            generator.addExtension(Extension.cRLNumber, false, new CRLNumber(content.number()));
            generator.addExtension(Extension.authorityKeyIdentifier, false,
                    CrlBuilder.authorityKeyId(content.signerCertificate()));
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot compute the AKI", e);
        }
        generator.addExtension(Extension.issuingDistributionPoint, true,
                CrlBuilder.issuingDistributionPoint(content));
        if (content.signerCertUrl().isPresent()) {
            generator.addExtension(Extension.authorityInfoAccess, false,
                    CrlBuilder.authorityInfoAccess(content.signerCertUrl().get().toString()));
        }
        return generator.generate();
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // best effort
            }
        }
    }

    /** Writes every byte to two streams. */
    private static final class TeeOutputStream extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        TeeOutputStream(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int value) throws IOException {
            a.write(value);
            b.write(value);
        }

        @Override
        public void write(byte[] data, int off, int len) throws IOException {
            a.write(data, off, len);
            b.write(data, off, len);
        }

        @Override
        public void flush() throws IOException {
            a.flush();
            b.flush();
        }
    }
}
