package org.stica.policy.csr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.junit.jupiter.api.Test;
import org.stica.policy.PolicyException;
import org.stica.policy.TestPki;
import org.stica.policy.Violation;
import org.stica.policy.rcd.ConstraintsIdentifier;
import org.stica.policy.rcd.JwtClaimConstraints;
import org.stica.policy.rcd.JwtClaimConstraintsCodec;
import org.stica.policy.tnauth.TnAuthListExtension;

/**
 * The CSR of an order with a JWTClaimConstraints identifier (RFC 8555 §7.4; RCD.md §8 item 7):
 * exactly that extension, under its OID, non-critical, byte-identical; and none for an order
 * without one. Each difference is a badCSR naming it.
 */
class ClaimConstraintsCsrTest {
    private static final byte[] SPC_1234 = HexFormat.of().parseHex("3008a006160431323334");
    /** mustInclude {rcd}; permittedValues {crn: ["Delivery"]} (RFC 8226 §8, id-pe 27). */
    private static final byte[] CONSTRAINTS = JwtClaimConstraintsCodec.encode(
            new JwtClaimConstraints(List.of("rcd"), List.of(new JwtClaimConstraints.ClaimValues(
                    "crn", List.of("Delivery"))), List.of()));
    /** mustInclude {rcd}, mustExclude {apn} (RFC 9118 §3, id-pe 33). */
    private static final byte[] ENHANCED = JwtClaimConstraintsCodec.encode(
            new JwtClaimConstraints(List.of("rcd"), List.of(), List.of("apn")));

    private final CsrPolicy policy = new CsrPolicy();
    private final KeyPair keys = TestPki.p256();
    private final ConstraintsIdentifier ordered = ConstraintsIdentifier.fromDer(CONSTRAINTS);

    @Test
    void fromDer_choosesTheOidByMustExclude() {
        // RFC 9118 §6: id-pe 33 only when mustExclude is used, else the wider-supported 27
        assertEquals(JwtClaimConstraintsCodec.ID_PE_27, ordered.oid());
        assertEquals(JwtClaimConstraintsCodec.ID_PE_33,
                ConstraintsIdentifier.fromDer(ENHANCED).oid());
    }

    @Test
    void check_exactExtension_passes() throws Exception {
        byte[] csr = csr(ordered.extension());
        assertEquals(keys.getPublic(), policy.check(csr, SPC_1234, Optional.of(ordered), false)
                .subjectKey());
    }

    @Test
    void check_oneByteDifferent_refusedNamingTheByte() throws Exception {
        byte[] changed = CONSTRAINTS.clone();
        changed[changed.length - 1] ^= 0x01;
        assertRefused(csr(new Extension(ordered.oid(), false, new DEROctetString(changed))),
                "differs from the order's identifier at byte " + (changed.length - 1));
    }

    @Test
    void check_missingExtension_refused() throws Exception {
        assertRefused(csr(), "does not request the JWTClaimConstraints (id-pe 27)");
    }

    @Test
    void check_otherOid_refused() throws Exception {
        assertRefused(csr(new Extension(JwtClaimConstraintsCodec.ID_PE_33, false,
                new DEROctetString(CONSTRAINTS))), "requests EnhancedJWTClaimConstraints"
                + " (id-pe 33) but the order's identifier is JWTClaimConstraints (id-pe 27)");
    }

    @Test
    void check_bothOids_refused() throws Exception {
        assertRefused(csr(ordered.extension(), new Extension(JwtClaimConstraintsCodec.ID_PE_33,
                false, new DEROctetString(ENHANCED))), "both");
    }

    @Test
    void check_critical_refused() throws Exception {
        assertRefused(csr(new Extension(ordered.oid(), true, new DEROctetString(CONSTRAINTS))),
                "critical");
    }

    @Test
    void check_extensionOnAnOrderWithoutIdentifier_refused() throws Exception {
        byte[] csr = csr(ordered.extension());
        PolicyException e = assertThrows(PolicyException.class,
                () -> policy.check(csr, SPC_1234, false));
        assertEquals(Violation.CSR_CLAIM_CONSTRAINTS_MISMATCH, e.violation());
        assertTrue(e.detail().contains("holds no JWTClaimConstraints identifier"), e.detail());
    }

    private void assertRefused(byte[] csr, String detailPart) {
        PolicyException e = assertThrows(PolicyException.class,
                () -> policy.check(csr, SPC_1234, Optional.of(ordered), false));
        assertEquals(Violation.CSR_CLAIM_CONSTRAINTS_MISMATCH, e.violation(), e.detail());
        assertTrue(e.detail().contains(detailPart), e.detail());
    }

    private byte[] csr(Extension... claims) throws Exception {
        List<Extension> all = new ArrayList<>();
        all.add(new Extension(TnAuthListExtension.OID, false, new DEROctetString(SPC_1234)));
        all.addAll(List.of(claims));
        return CsrPolicyTest.csr(keys.getPublic(), keys.getPrivate(), "SHA256withECDSA",
                new Extensions(all.toArray(Extension[]::new)));
    }
}
