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
 * Loads the roots that authority token signers must chain to (RFC 9448 §6 step 2) from a PEM
 * file: the STI-PA roots of SPC tokens ({@code pa.trustAnchors}), or the claim-token trust
 * anchors of JWTClaimConstraints tokens ({@code rcd.claimTokenTrustAnchors}, RCD.md §8 item 4).
 * Not configured means no anchors: every such token is then refused. Blocking file I/O:
 * start-up only.
 */
public final class TrustAnchorFile {
    private TrustAnchorFile() {
    }

    /** The STI-PA roots of {@code pa.trustAnchors}. */
    public static PaTrustAnchors load(Optional<Path> file) {
        return new PaTrustAnchors(certificates(file, ConfigKey.PA_TRUST_ANCHORS));
    }

    /** The certificates of the PEM file {@code key} names; an error naming {@code key}. */
    public static List<X509Certificate> certificates(Optional<Path> file, ConfigKey key) {
        if (file.isEmpty()) {
            return List.of();
        }
        try (InputStream in = Files.newInputStream(file.get())) {
            List<X509Certificate> roots = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in).stream().map(X509Certificate.class::cast).toList();
            if (roots.isEmpty()) {
                throw key.invalid("names a file with no certificate: '" + file.get() + "'");
            }
            return roots;
        } catch (IOException | CertificateException e) {
            throw key.invalid("names a file that is not PEM certificates: '" + file.get() + "'");
        }
    }
}
