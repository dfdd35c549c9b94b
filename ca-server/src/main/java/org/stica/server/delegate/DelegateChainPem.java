package org.stica.server.delegate;

import java.io.IOException;
import java.io.StringReader;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;

/**
 * Parses a posted delegate chain: PEM {@code CERTIFICATE} blocks only (STANDARDS.md §4.4 item
 * 6), at least one and at most {@link #MAX_CERTIFICATES}. Anything else is
 * {@link Violation#DELEGATE_MALFORMED}.
 */
public final class DelegateChainPem {
    /** Leaf, SCA, intermediate, root, plus one spare. */
    public static final int MAX_CERTIFICATES = 5;

    private DelegateChainPem() {
    }

    public static List<X509Certificate> parse(String pem) {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (!(item instanceof X509CertificateHolder holder)) {
                    throw malformed("the body must hold only PEM CERTIFICATE blocks");
                }
                if (certificates.size() == MAX_CERTIFICATES) {
                    throw malformed("the chain holds more than " + MAX_CERTIFICATES
                            + " certificates");
                }
                certificates.add(converter.getCertificate(holder));
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            if (e instanceof PolicyException policy) {
                throw policy;
            }
            throw malformed("the body is not a PEM certificate chain");
        }
        if (certificates.isEmpty()) {
            throw malformed("the body holds no PEM CERTIFICATE block");
        }
        return List.copyOf(certificates);
    }

    private static PolicyException malformed(String detail) {
        return new PolicyException(Violation.DELEGATE_MALFORMED, detail);
    }
}
