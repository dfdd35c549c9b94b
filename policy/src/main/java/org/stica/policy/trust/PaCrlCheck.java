package org.stica.policy.trust;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;

/**
 * Accepts a downloaded STI-PA CRL (STANDARDS.md §4.2, RFC 5280 §6.3.3) only when it parses as
 * one X.509 CRL in DER <em>or</em> PEM (STANDARDS.md §0 trap 8: the STI-PA serves PEM), its
 * signature verifies with the key of a trusted STI-PA root whose subject is the CRL issuer (or
 * of a separate CRL signer found through AIA that chains to such a root, §4.2 item 3),
 * {@code thisUpdate} is not in the future (beyond the skew), and its CRL number does not go
 * backwards against the last good copy. Refusals are {@link Violation#PA_CRL_INVALID}.
 */
public final class PaCrlCheck {
    private final Duration skew;

    /** @param skew tolerated clock skew for {@code thisUpdate} */
    public PaCrlCheck(Duration skew) {
        this.skew = skew;
    }

    /** The verified CRL, or a {@link PolicyException}. */
    public X509CRL check(byte[] body, List<X509Certificate> roots, Optional<X509CRL> lastGood,
                         Instant now) {
        return check(body, roots, lastGood, now, List.of());
    }

    /**
     * As {@link #check(byte[], List, Optional, Instant)}, also accepting a CRL signed by a
     * separate CRL signer (STANDARDS.md §4.2 item 3): {@code crlSigners} is what the CRL's AIA
     * caIssuers URL served, signer first; its subject must equal the CRL issuer, it must chain
     * to a trusted STI-PA root as of {@code now} and carry cRLSign. Any mismatch fails closed.
     */
    public X509CRL check(byte[] body, List<X509Certificate> roots, Optional<X509CRL> lastGood,
                         Instant now, List<X509Certificate> crlSigners) {
        X509CRL crl = parse(body);
        X509Certificate issuer = issuedByRoot(crl, roots)
                ? roots.stream().filter(root -> issues(root, crl)).filter(r -> verifies(crl, r))
                        .findFirst().orElseThrow(() -> invalid(
                                "the CRL is not signed by a trusted STI-PA root"))
                : separateSigner(crl, roots, now, crlSigners);
        if (issuer.getKeyUsage() != null && !issuer.getKeyUsage()[6]) {
            throw invalid("the CRL issuer's key usage lacks cRLSign");
        }
        if (crl.getThisUpdate().toInstant().isAfter(now.plus(skew))) {
            throw invalid("the CRL's thisUpdate " + crl.getThisUpdate().toInstant()
                    + " is in the future");
        }
        if (lastGood.isPresent()) {
            Optional<BigInteger> previous = number(lastGood.get());
            Optional<BigInteger> current = number(crl);
            if (previous.isPresent() && current.isPresent()
                    && current.get().compareTo(previous.get()) < 0) {
                throw invalid("the CRL number " + current.get() + " is lower than the last good "
                        + previous.get());
            }
        }
        return crl;
    }

    /** Whether a trusted root's subject is the CRL issuer (no separate CRL signer needed). */
    public static boolean issuedByRoot(X509CRL crl, List<X509Certificate> roots) {
        return roots.stream().anyMatch(root -> issues(root, crl));
    }

    /** The CRL's AIA caIssuers URL (RFC 5280 §5.2.7), if any. */
    public static Optional<URI> caIssuersUrl(X509CRL crl) {
        byte[] value = crl.getExtensionValue(Extension.authorityInfoAccess.getId());
        if (value == null) {
            return Optional.empty();
        }
        try {
            AuthorityInformationAccess aia = AuthorityInformationAccess.getInstance(
                    JcaX509ExtensionUtils.parseExtensionValue(value));
            for (AccessDescription description : aia.getAccessDescriptions()) {
                GeneralName location = description.getAccessLocation();
                if (AccessDescription.id_ad_caIssuers.equals(description.getAccessMethod())
                        && location.getTagNo() == GeneralName.uniformResourceIdentifier) {
                    return Optional.of(URI.create(location.getName().toString()));
                }
            }
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            throw invalid("the CRL's AIA extension is malformed");
        }
    }

    private static X509Certificate separateSigner(X509CRL crl, List<X509Certificate> roots,
                                                  Instant now,
                                                  List<X509Certificate> crlSigners) {
        if (crlSigners.isEmpty()) {
            throw invalid("the CRL issuer " + crl.getIssuerX500Principal().getName()
                    + " is not a trusted STI-PA root and no CRL signer was found through AIA");
        }
        X509Certificate signer = crlSigners.get(0);
        if (!signer.getSubjectX500Principal().equals(crl.getIssuerX500Principal())) {
            throw invalid("the CRL signer's subject " + signer.getSubjectX500Principal()
                    .getName() + " does not equal the CRL issuer "
                    + crl.getIssuerX500Principal().getName());
        }
        PaSignerPath.validate(signer, crlSigners.subList(1, crlSigners.size()), roots, now,
                "STI-PA CRL signer").ifPresent(reason -> {
                    throw invalid(reason);
                });
        if (!verifies(crl, signer)) {
            throw invalid("the CRL signature does not verify with the CRL signer's key");
        }
        return signer;
    }

    private static boolean issues(X509Certificate root, X509CRL crl) {
        return root.getSubjectX500Principal().equals(crl.getIssuerX500Principal());
    }

    /** Parses DER or PEM (one CRL); {@link Violation#PA_CRL_INVALID} otherwise. */
    public static X509CRL parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw invalid("the CRL body is empty");
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            X509CRL crl = (X509CRL) factory.generateCRL(new ByteArrayInputStream(body));
            if (crl == null) {
                throw invalid("the body holds no CRL");
            }
            return crl;
        } catch (GeneralSecurityException | RuntimeException e) {
            if (e instanceof PolicyException policy) {
                throw policy;
            }
            throw invalid("the body is not an X.509 CRL in DER or PEM");
        }
    }

    private static boolean verifies(X509CRL crl, X509Certificate root) {
        try {
            crl.verify(root.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static Optional<BigInteger> number(X509CRL crl) {
        byte[] value = crl.getExtensionValue(Extension.cRLNumber.getId());
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ASN1Integer.getInstance(
                    JcaX509ExtensionUtils.parseExtensionValue(value)).getValue());
        } catch (IOException | IllegalArgumentException e) {
            throw invalid("the CRL number extension is malformed");
        }
    }

    private static PolicyException invalid(String detail) {
        return new PolicyException(Violation.PA_CRL_INVALID, detail);
    }
}
