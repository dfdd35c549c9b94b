package org.stica.policy.csr;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.bc.BcECContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;
import org.stica.policy.rcd.ConstraintsIdentifier;
import org.stica.policy.tnauth.TnAuthListExtension;

/**
 * Finalize-time CSR rules for TNAuthList orders (STANDARDS.md §3.6; RFC 8555 §7.4; RFC 9448 §6
 * step 9): PKCS#10 parses, its signature verifies (ecdsa-with-SHA256), the key is EC P-256
 * ({@code CSR_BAD_PUBLIC_KEY} otherwise), the extensionRequest holds a TNAuthList whose DER equals
 * the order's, and a BasicConstraints, when present, has cA equal to {@code expectCa} (and must
 * be present with cA TRUE when {@code expectCa} is set), and the JWTClaimConstraints request
 * (id-pe 27/33) matches the order's identifier, or is absent when it has none
 * ({@link ClaimConstraintsRequest}). Other requested extensions and the subject are ignored
 * (the CA builds from its profile).
 *
 * <p>Checks run in this order and stop at the first refusal: DER structure
 * ({@code CSR_MALFORMED}), public key ({@code CSR_BAD_PUBLIC_KEY}), signature algorithm and
 * proof of possession ({@code CSR_SIGNATURE_INVALID}), TNAuthList ({@code
 * CSR_TNAUTHLIST_MISMATCH}), BasicConstraints ({@code CSR_CA_FLAG_MISMATCH}),
 * JWTClaimConstraints ({@code CSR_CLAIM_CONSTRAINTS_MISMATCH}).
 */
public final class CsrPolicy {
    private static final DefaultDigestAlgorithmIdentifierFinder DIGESTS =
            new DefaultDigestAlgorithmIdentifierFinder();

    /**
     * @param csrDer              the PKCS#10 request (DER)
     * @param orderTnAuthListDer  the order identifier's TNAuthList DER
     * @param expectCa            {@code atc.ca} of the token that authorized the order
     */
    public CheckedCsr check(byte[] csrDer, byte[] orderTnAuthListDer, boolean expectCa) {
        return check(csrDer, orderTnAuthListDer, Optional.empty(), expectCa);
    }

    /**
     * As {@link #check(byte[], byte[], boolean)} for an order that may also hold a
     * JWTClaimConstraints identifier ({@code claims}; RCD.md §8 item 7).
     */
    public CheckedCsr check(byte[] csrDer, byte[] orderTnAuthListDer,
                            Optional<ConstraintsIdentifier> claims, boolean expectCa) {
        Objects.requireNonNull(orderTnAuthListDer, "orderTnAuthListDer");
        PKCS10CertificationRequest csr = parse(csrDer);
        PublicKey key = p256Key(csr.getSubjectPublicKeyInfo());
        checkSignature(csr);
        Extensions extensions = requestedExtensions(csr);
        checkTnAuthList(extensions, orderTnAuthListDer);
        checkBasicConstraints(extensions, expectCa);
        ClaimConstraintsRequest.check(extensions, claims);
        return new CheckedCsr(key, expectCa, csr.getSubject());
    }

    private static PKCS10CertificationRequest parse(byte[] csrDer) {
        if (csrDer == null || csrDer.length == 0) {
            throw malformed("CSR is empty");
        }
        PKCS10CertificationRequest csr;
        try {
            csr = new PKCS10CertificationRequest(csrDer);
        } catch (IOException | RuntimeException e) {
            throw malformed("CSR is not a PKCS#10 request");
        }
        try {
            if (!Arrays.equals(csr.toASN1Structure().getEncoded(ASN1Encoding.DER), csrDer)) {
                throw malformed("CSR is not DER encoded (BER or trailing bytes)");
            }
        } catch (IOException e) {
            throw malformed("CSR cannot be re-encoded as DER");
        }
        return csr;
    }

    private static PublicKey p256Key(SubjectPublicKeyInfo spki) {
        AlgorithmIdentifier algorithm = spki.getAlgorithm();
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())) {
            throw badKey("CSR key must be an EC P-256 key (id-ecPublicKey)");
        }
        if (!(algorithm.getParameters() instanceof ASN1ObjectIdentifier curve)
                || !SECObjectIdentifiers.secp256r1.equals(curve)) {
            throw badKey("CSR key must be on the named curve P-256 (prime256v1)");
        }
        byte[] point = spki.getPublicKeyData().getOctets();
        if (point.length != 65 || point[0] != 0x04) {
            throw badKey("CSR key must be an uncompressed P-256 point");
        }
        try {
            return KeyFactory.getInstance("EC")
                    .generatePublic(new X509EncodedKeySpec(spki.getEncoded(ASN1Encoding.DER)));
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw badKey("CSR key is not a valid P-256 public key");
        }
    }

    private static void checkSignature(PKCS10CertificationRequest csr) {
        AlgorithmIdentifier signature = csr.getSignatureAlgorithm();
        if (!X9ObjectIdentifiers.ecdsa_with_SHA256.equals(signature.getAlgorithm())
                || signature.getParameters() != null) {
            throw badSignature("CSR signature algorithm must be ecdsa-with-SHA256 without"
                    + " parameters");
        }
        boolean valid;
        try {
            // Bouncy Castle's lightweight ECDSA on its fixed-width P-256 field arithmetic: several
            // times SunEC's verification rate (the key itself was checked above)
            valid = csr.isSignatureValid(new BcECContentVerifierProviderBuilder(DIGESTS)
                    .build(PublicKeyFactory.createKey(csr.getSubjectPublicKeyInfo())));
        } catch (OperatorCreationException | PKCSException | IOException | RuntimeException e) {
            throw badSignature("CSR signature cannot be verified");
        }
        if (!valid) {
            throw badSignature("CSR signature does not verify with its public key (no proof of"
                    + " possession)");
        }
    }

    private static Extensions requestedExtensions(PKCS10CertificationRequest csr) {
        Attribute[] attributes =
                csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest);
        if (attributes.length == 0) {
            return null;
        }
        if (attributes.length > 1) {
            throw malformed("CSR holds more than one extensionRequest attribute");
        }
        if (attributes[0].getAttrValues().size() != 1) {
            throw malformed("CSR extensionRequest must hold exactly one value");
        }
        try {
            return Extensions.getInstance(attributes[0].getAttrValues().getObjectAt(0));
        } catch (RuntimeException e) {
            throw malformed("CSR extensionRequest is not a valid Extensions list");
        }
    }

    private static void checkTnAuthList(Extensions extensions, byte[] orderDer) {
        Extension tnAuthList = extensions == null ? null
                : extensions.getExtension(TnAuthListExtension.OID);
        if (tnAuthList == null) {
            throw new PolicyException(Violation.CSR_TNAUTHLIST_MISMATCH,
                    "CSR does not request a TNAuthList extension");
        }
        if (!Arrays.equals(tnAuthList.getExtnValue().getOctets(), orderDer)) {
            throw new PolicyException(Violation.CSR_TNAUTHLIST_MISMATCH,
                    "CSR TNAuthList differs from the order's (DER compared)");
        }
    }

    private static void checkBasicConstraints(Extensions extensions, boolean expectCa) {
        Extension extension = extensions == null ? null
                : extensions.getExtension(Extension.basicConstraints);
        if (extension == null) {
            if (expectCa) {
                throw new PolicyException(Violation.CSR_CA_FLAG_MISMATCH, "CSR has no"
                        + " BasicConstraints but the authority token's atc.ca is true (a CA"
                        + " certificate needs BC cA TRUE in the CSR)");
            }
            return;
        }
        BasicConstraints constraints;
        try {
            constraints = BasicConstraints.getInstance(extension.getParsedValue());
        } catch (RuntimeException e) {
            throw malformed("CSR BasicConstraints is not valid");
        }
        if (constraints.isCA() != expectCa) {
            throw new PolicyException(Violation.CSR_CA_FLAG_MISMATCH, "CSR BasicConstraints cA is "
                    + constraints.isCA() + " but the authority token's atc.ca is " + expectCa);
        }
    }

    private static PolicyException malformed(String detail) {
        return new PolicyException(Violation.CSR_MALFORMED, detail);
    }

    private static PolicyException badKey(String detail) {
        return new PolicyException(Violation.CSR_BAD_PUBLIC_KEY, detail);
    }

    private static PolicyException badSignature(String detail) {
        return new PolicyException(Violation.CSR_SIGNATURE_INVALID, detail);
    }
}
