package org.stica.policy.trust;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * PKIX path validation of an STI-PA signer (SPC tokens, the CA list) to the configured STI-PA
 * roots at a given time (RFC 9448 §6 step 2; STANDARDS.md §3.5 step 4, §4.3 item 2): the signer
 * first, then issuers found among the other x5u certificates; roots offered in x5u are ignored.
 */
public final class PaSignerPath {
    private PaSignerPath() {
    }

    /** Empty when the path validates, else a client-safe reason. */
    public static Optional<String> validate(X509Certificate signer, List<X509Certificate> others,
                                            List<X509Certificate> roots, Instant now,
                                            String role) {
        return validate(signer, others, roots, now, role, "STI-PA");
    }

    /**
     * As {@link #validate(X509Certificate, List, List, Instant, String)}, naming the roots
     * {@code rootsName} in the reason (e.g. {@code claim-token}: "does not chain to a trusted
     * claim-token root").
     */
    public static Optional<String> validate(X509Certificate signer, List<X509Certificate> others,
                                            List<X509Certificate> roots, Instant now,
                                            String role, String rootsName) {
        Set<TrustAnchor> anchors = new LinkedHashSet<>();
        for (X509Certificate root : roots) {
            anchors.add(new TrustAnchor(root, null));
        }
        List<X509Certificate> path = orderedPath(signer, others, roots);
        try {
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters params = new PKIXParameters(anchors);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX").validate(certPath, params);
            return Optional.empty();
        } catch (CertPathValidatorException e) {
            return Optional.of(pathFailure(e, role, rootsName));
        } catch (GeneralSecurityException e) {
            return Optional.of(role + " chain cannot be validated");
        }
    }

    /** Signer first, then each issuer found among the other x5u certificates (anchors dropped). */
    private static List<X509Certificate> orderedPath(X509Certificate signer,
                                                     List<X509Certificate> others,
                                                     List<X509Certificate> roots) {
        List<X509Certificate> remaining = new ArrayList<>();
        for (X509Certificate cert : others) {
            if (!roots.contains(cert)) {
                remaining.add(cert);
            }
        }
        List<X509Certificate> path = new ArrayList<>();
        path.add(signer);
        X509Certificate current = signer;
        while (!remaining.isEmpty() && !isSelfIssued(current)) {
            X509Certificate issuer = null;
            for (X509Certificate candidate : remaining) {
                if (candidate.getSubjectX500Principal().equals(current.getIssuerX500Principal())) {
                    issuer = candidate;
                    break;
                }
            }
            if (issuer == null) {
                break;
            }
            remaining.remove(issuer);
            path.add(issuer);
            current = issuer;
        }
        return path;
    }

    private static boolean isSelfIssued(X509Certificate cert) {
        return cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal());
    }

    private static String pathFailure(CertPathValidatorException e, String role,
                                      String rootsName) {
        String which = e.getIndex() <= 0 ? role + " certificate"
                : "x5u chain certificate " + e.getIndex();
        if (e.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
            return which + " has expired";
        }
        if (e.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
            return which + " is not yet valid";
        }
        if (e.getReason() == CertPathValidatorException.BasicReason.INVALID_SIGNATURE) {
            return which + " has an invalid signature";
        }
        return role + " does not chain to a trusted " + rootsName + " root";
    }

}
