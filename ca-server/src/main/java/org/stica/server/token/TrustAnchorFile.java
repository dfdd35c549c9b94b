package org.stica.server.token;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.stica.policy.token.PaTrustAnchors;
import org.stica.server.config.ConfigKey;

/**
 * Loads the STI-PA roots SPC token signers must chain to (RFC 9448 §6 step 2) from the PEM file
 * {@code pa.trustAnchors}. Not configured means no anchors: every token is then refused.
 * Blocking file I/O: start-up only.
 */
public final class TrustAnchorFile {
    private TrustAnchorFile() {
    }

    public static PaTrustAnchors load(Optional<Path> file) {
        if (file.isEmpty()) {
            return new PaTrustAnchors(List.of());
        }
        try (InputStream in = Files.newInputStream(file.get())) {
            List<X509Certificate> roots = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in).stream().map(X509Certificate.class::cast).toList();
            if (roots.isEmpty()) {
                throw ConfigKey.PA_TRUST_ANCHORS.invalid("names a file with no certificate: '"
                        + file.get() + "'");
            }
            return new PaTrustAnchors(roots);
        } catch (IOException | CertificateException e) {
            throw ConfigKey.PA_TRUST_ANCHORS.invalid("names a file that is not PEM certificates: '"
                    + file.get() + "'");
        }
    }
}
