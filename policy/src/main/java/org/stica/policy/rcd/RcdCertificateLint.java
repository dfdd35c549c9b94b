package org.stica.policy.rcd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.stica.policy.PolicyException;
import org.stica.policy.tnauth.TnAuthListExtension;

/**
 * Certificate-level lint of JWTClaimConstraints / EnhancedJWTClaimConstraints (RCD.md §8 items
 * 2, 5, 7, 9). {@link #lint} runs on every certificate the profile lint sees and says nothing when
 * neither extension is present: never both (RFC 9118 §6), never critical and never in a CA
 * certificate (RFC 8226 §8; RFC 9118 §3: end-entity only), id-pe 33 only when mustExclude is used
 * (RFC 9118 §6), a strict-DER value that passes {@link JwtClaimConstraintsLint}.
 * {@link #lintRcdDelegate} adds the RCD delegate end-entity profile: a TNAuthList and exactly one
 * of the two extensions, byte-for-byte the ACME identifier's DER (RFC 8555 §7.4).
 */
public final class RcdCertificateLint {
    private static final List<ASN1ObjectIdentifier> OIDS =
            List.of(JwtClaimConstraintsCodec.ID_PE_27, JwtClaimConstraintsCodec.ID_PE_33);

    private RcdCertificateLint() {
    }

    /** Findings for a certificate that carries id-pe 27 or 33; empty when it carries neither. */
    public static List<String> lint(X509CertificateHolder cert) {
        List<String> findings = new ArrayList<>();
        List<Extension> present = present(cert);
        if (present.size() > 1) {
            findings.add("a certificate must not carry both JWTClaimConstraints and"
                    + " EnhancedJWTClaimConstraints (RFC 9118 §6)");
        }
        if (!present.isEmpty() && isCa(cert)) {
            findings.add("JWTClaimConstraints belong in end-entity certificates only, not in a CA"
                    + " certificate (RFC 8226 §8; RFC 9118 §3)");
        }
        for (Extension extension : present) {
            lintExtension(extension, findings);
        }
        return List.copyOf(findings);
    }

    /**
     * Findings for an RCD delegate end entity: {@link #lint} plus a TNAuthList, exactly one of
     * id-pe 27/33, equal byte for byte to {@code identifierDer} (the order's JWTClaimConstraints
     * identifier, RCD.md §8 item 7).
     */
    public static List<String> lintRcdDelegate(X509CertificateHolder cert, byte[] identifierDer) {
        List<String> findings = new ArrayList<>(lint(cert));
        if (cert.getExtension(TnAuthListExtension.OID) == null) {
            findings.add("an RCD delegate certificate must carry a TNAuthList (RFC 9060 §4)");
        }
        List<Extension> present = present(cert);
        if (present.isEmpty()) {
            findings.add("an RCD delegate certificate must carry JWTClaimConstraints (id-pe 27)"
                    + " or EnhancedJWTClaimConstraints (id-pe 33) (RFC 9795 §6.3)");
        } else if (present.size() == 1 && !Arrays.equals(
                present.get(0).getExtnValue().getOctets(), identifierDer)) {
            findings.add("the JWTClaimConstraints extension must equal the order's identifier"
                    + " byte for byte (RFC 8555 §7.4)");
        }
        return List.copyOf(findings);
    }

    /**
     * The constraint a certificate carries, if exactly one of id-pe 27/33 is present.
     *
     * @throws PolicyException JWT_CLAIM_CONSTRAINTS_MALFORMED when it does not decode strictly
     */
    public static Optional<JwtClaimConstraints> constraints(X509CertificateHolder cert) {
        List<Extension> present = present(cert);
        if (present.size() != 1) {
            return Optional.empty();
        }
        Extension extension = present.get(0);
        return Optional.of(JwtClaimConstraintsCodec.decode(extension.getExtnId(),
                extension.getExtnValue().getOctets()));
    }

    /** The id-pe 27/33 extensions a certificate carries (0, 1 or, wrongly, 2). */
    public static List<Extension> present(X509CertificateHolder cert) {
        return OIDS.stream().map(cert::getExtension).filter(e -> e != null).toList();
    }

    private static void lintExtension(Extension extension, List<String> findings) {
        String name = JwtClaimConstraintsCodec.ID_PE_27.equals(extension.getExtnId())
                ? "JWTClaimConstraints (id-pe 27)" : "EnhancedJWTClaimConstraints (id-pe 33)";
        if (extension.isCritical()) {
            findings.add(name + " must not be critical (RFC 8226 §8; RFC 9118 §3)");
        }
        JwtClaimConstraints constraints;
        try {
            constraints = JwtClaimConstraintsCodec.decode(extension.getExtnId(),
                    extension.getExtnValue().getOctets());
        } catch (PolicyException e) {
            findings.add(name + ": " + e.detail());
            return;
        }
        if (!constraints.oid().equals(extension.getExtnId())) {
            findings.add(name + " without mustExclude: issue id-pe 27, the more widely supported"
                    + " (RFC 9118 §6)");
        }
        JwtClaimConstraintsLint.lint(constraints).forEach(f -> findings.add(name + ": " + f));
    }

    private static boolean isCa(X509CertificateHolder cert) {
        Extension bc = cert.getExtension(Extension.basicConstraints);
        try {
            return bc != null && BasicConstraints.getInstance(bc.getParsedValue()).isCA();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
