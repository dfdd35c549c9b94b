package org.stica.policy.csr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.stica.policy.PolicyException;
import org.stica.policy.TestPki;
import org.stica.policy.Violation;
import org.stica.policy.tnauth.TnAuthList;
import org.stica.policy.tnauth.TnAuthListExtension;

/** Finalize CSR rules (RFC 8555 §7.4; RFC 9448 §6 step 9; STANDARDS.md §3.6). */
class CsrPolicyTest {
    private static final byte[] SPC_1234 = HexFormat.of().parseHex("3008a006160431323334");
    private final CsrPolicy policy = new CsrPolicy();

    @Test
    void check_goodCsr_returnsProvenKey() throws Exception {
        KeyPair keys = TestPki.p256();
        byte[] csr = csr(keys.getPublic(), keys.getPrivate(), "SHA256withECDSA",
                extensions("1234", false, false));
        CheckedCsr checked = policy.check(csr, SPC_1234, false);
        assertEquals(keys.getPublic(), checked.subjectKey());
        assertFalse(checked.ca());
    }

    @Test
    void check_goodCsrWithoutBasicConstraintsOrSubject_passes() throws Exception {
        // STANDARDS.md §3.6 items 3 and 5: BC and subject are optional in the CSR.
        KeyPair keys = TestPki.p256();
        byte[] csr = csr(keys.getPublic(), keys.getPrivate(), "SHA256withECDSA",
                new Extensions(TnAuthListExtension.of(TnAuthList.ofSpc("1234"))),
                new X500Name(new RDN[0]));
        assertEquals(keys.getPublic(), policy.check(csr, SPC_1234, false).subjectKey());
    }

    @Test
    void check_otherRequestedExtensions_areIgnored() throws Exception {
        // STANDARDS.md §3.6 item 4: other requested extensions are ignored, never copied.
        KeyPair keys = TestPki.p256();
        Extensions extensions = new Extensions(new Extension[] {
            TnAuthListExtension.of(TnAuthList.ofSpc("1234")),
            new Extension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth).getEncoded())});
        policy.check(csr(keys.getPublic(), keys.getPrivate(), "SHA256withECDSA", extensions),
                SPC_1234, false);
    }

    @Test
    void check_garbage_refusedMalformed() {
        assertRefused(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}, Violation.CSR_MALFORMED,
                "PKCS#10");
        assertRefused(new byte[0], Violation.CSR_MALFORMED, "empty");
    }

    @Test
    void check_trailingBytes_refusedMalformed() throws Exception {
        KeyPair keys = TestPki.p256();
        byte[] csr = csr(keys.getPublic(), keys.getPrivate(), "SHA256withECDSA",
                extensions("1234", false, false));
        byte[] longer = Arrays.copyOf(csr, csr.length + 2);
        assertRefused(longer, Violation.CSR_MALFORMED, "");
    }

    @Test
    void check_signedByAnotherKey_refusedSignatureInvalid() throws Exception {
        // STANDARDS.md §3.6 item 1 / RFC 8555 §7.4: proof of possession of the CSR key.
        KeyPair keys = TestPki.p256();
        byte[] csr = csr(keys.getPublic(), TestPki.p256().getPrivate(), "SHA256withECDSA",
                extensions("1234", false, false));
        assertRefused(csr, Violation.CSR_SIGNATURE_INVALID, "proof of possession");
    }

    @Test
    void check_tamperedSignature_refusedSignatureInvalid() throws Exception {
        KeyPair keys = TestPki.p256();
        byte[] csr = csr(keys.getPublic(), keys.getPrivate(), "SHA256withECDSA",
                extensions("1234", false, false));
        csr[csr.length - 1] ^= 0x01;
        assertRefused(csr, Violation.CSR_SIGNATURE_INVALID, "");
    }

    @Test
    void check_sha384Signature_refusedSignatureInvalid() throws Exception {
        // STANDARDS.md §3.6 item 1: signature algorithm ecdsa-with-SHA256.
        KeyPair keys = TestPki.p256();
        byte[] csr = csr(keys.getPublic(), keys.getPrivate(), "SHA384withECDSA",
                extensions("1234", false, false));
        assertRefused(csr, Violation.CSR_SIGNATURE_INVALID, "ecdsa-with-SHA256");
    }

    @Test
    void check_rsaKey_refusedBadPublicKey() throws Exception {
        // STANDARDS.md §1.1 item 6 / §3.6 item 1: EC P-256 only (badPublicKey otherwise).
        KeyPair keys = TestPki.rsa2048();
        byte[] csr = csr(keys.getPublic(), keys.getPrivate(), "SHA256withRSA",
                extensions("1234", false, false));
        assertRefused(csr, Violation.CSR_BAD_PUBLIC_KEY, "EC P-256");
    }

    @Test
    void check_p384Key_refusedBadPublicKey() throws Exception {
        KeyPair keys = TestPki.ecKeyPair("secp384r1");
        byte[] csr = csr(keys.getPublic(), keys.getPrivate(), "SHA256withECDSA",
                extensions("1234", false, false));
        assertRefused(csr, Violation.CSR_BAD_PUBLIC_KEY, "P-256");
    }

    @Test
    void check_noTnAuthList_refusedTnAuthListMismatch() throws Exception {
        // STANDARDS.md §3.6 item 2: the CSR must request the ordered TNAuthList.
        KeyPair keys = TestPki.p256();
        byte[] csr = csr(keys.getPublic(), keys.getPrivate(), "SHA256withECDSA", null);
        assertRefused(csr, Violation.CSR_TNAUTHLIST_MISMATCH, "does not request");
        Extensions onlyBc = new Extensions(new Extension(Extension.basicConstraints, true,
                new BasicConstraints(false).getEncoded()));
        assertRefused(csr(keys.getPublic(), keys.getPrivate(), "SHA256withECDSA", onlyBc),
                Violation.CSR_TNAUTHLIST_MISMATCH, "does not request");
    }

    @Test
    void check_otherSpc_refusedTnAuthListMismatch() throws Exception {
        // RFC 8555 §7.4: the CSR's identifiers must match the order exactly (DER equality).
        KeyPair keys = TestPki.p256();
        byte[] csr = csr(keys.getPublic(), keys.getPrivate(), "SHA256withECDSA",
                extensions("281K", false, false));
        assertRefused(csr, Violation.CSR_TNAUTHLIST_MISMATCH, "differs");
    }

    @Test
    void check_caTrueOnEndEntityOrder_refusedCaFlagMismatch() throws Exception {
        // RFC 9448 §6 step 9: the CSR's BC cA must equal atc.ca.
        KeyPair keys = TestPki.p256();
        byte[] csr = csr(keys.getPublic(), keys.getPrivate(), "SHA256withECDSA",
                extensions("1234", true, true));
        assertRefused(csr, Violation.CSR_CA_FLAG_MISMATCH, "cA is true");
    }

    @Test
    void check_caFalseOnCaOrder_refusedCaFlagMismatch() throws Exception {
        KeyPair keys = TestPki.p256();
        byte[] csr = csr(keys.getPublic(), keys.getPrivate(), "SHA256withECDSA",
                extensions("1234", true, false));
        PolicyException e = assertThrows(PolicyException.class,
                () -> policy.check(csr, SPC_1234, true));
        assertEquals(Violation.CSR_CA_FLAG_MISMATCH, e.violation());
        assertTrue(policy.check(csr(keys.getPublic(), keys.getPrivate(), "SHA256withECDSA",
                extensions("1234", true, true)), SPC_1234, true).ca());
    }

    @Test
    void check_noBasicConstraintsOnCaOrder_refusedCaFlagMismatch() throws Exception {
        // RFC 9448 §6 step 9 / STANDARDS.md §5.4 item 4: a shaken-sca CSR must ask for cA TRUE.
        KeyPair keys = TestPki.p256();
        byte[] csr = csr(keys.getPublic(), keys.getPrivate(), "SHA256withECDSA",
                extensions("1234", false, false));
        PolicyException e = assertThrows(PolicyException.class,
                () -> policy.check(csr, SPC_1234, true));
        assertEquals(Violation.CSR_CA_FLAG_MISMATCH, e.violation());
        assertTrue(e.detail().contains("no BasicConstraints"), e.detail());
    }

    private void assertRefused(byte[] csr, Violation violation, String fragment) {
        PolicyException e = assertThrows(PolicyException.class,
                () -> policy.check(csr, SPC_1234, false));
        assertEquals(violation, e.violation(), e.detail());
        assertTrue(e.detail().contains(fragment), e.detail());
    }

    private static Extensions extensions(String spc, boolean withBc, boolean ca)
            throws IOException {
        List<Extension> list = new ArrayList<>();
        if (withBc || ca) {
            list.add(new Extension(Extension.basicConstraints, true,
                    new BasicConstraints(ca).getEncoded()));
        }
        list.add(TnAuthListExtension.of(TnAuthList.ofSpc(spc)));
        return new Extensions(list.toArray(new Extension[0]));
    }

    static byte[] csr(PublicKey key, PrivateKey signer, String algorithm,
                      Extensions extensions) throws Exception {
        return csr(key, signer, algorithm, extensions,
                new X500Name("C=US, O=Example Telecom, CN=SHAKEN 1234"));
    }

    private static byte[] csr(PublicKey key, PrivateKey signer, String algorithm,
                              Extensions extensions, X500Name subject)
            throws IOException, OperatorCreationException {
        JcaPKCS10CertificationRequestBuilder builder =
                new JcaPKCS10CertificationRequestBuilder(subject, key);
        if (extensions != null) {
            builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions);
        }
        return builder.build(new JcaContentSignerBuilder(algorithm).build(signer)).getEncoded();
    }
}
