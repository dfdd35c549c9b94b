package org.stica.acme.service;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/**
 * PEM encoding of a certificate chain, end entity first (RFC 8555 §9.1): each certificate's DER
 * in RFC 7468's strict form (64-character base64 lines, LF). Written directly rather than through
 * Bouncy Castle's {@code JcaPEMWriter}, which took 1.7 % of the server's CPU per issuance in a
 * profile on machine I (issue 18); the text is the same.
 */
public final class PemChain {
    private static final Base64.Encoder LINES = Base64.getMimeEncoder(64, new byte[] {'\n'});

    private PemChain() {
    }

    public static String encode(List<X509Certificate> chain) {
        StringBuilder out = new StringBuilder(2048 * chain.size());
        for (X509Certificate certificate : chain) {
            try {
                out.append("-----BEGIN CERTIFICATE-----\n")
                        .append(LINES.encodeToString(certificate.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("an issued certificate has no encoding", e);
            }
        }
        return out.toString();
    }
}
