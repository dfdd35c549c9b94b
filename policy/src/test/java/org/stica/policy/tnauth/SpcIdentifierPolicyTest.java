package org.stica.policy.tnauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;

/** SHAKEN identifier shape (STANDARDS.md §1.4 items 4-5, §7.1 negative fixtures). */
class SpcIdentifierPolicyTest {
    private static final HexFormat HEX = HexFormat.of();
    private final SpcIdentifierPolicy us = SpcIdentifierPolicy.usDefault();
    private final SpcIdentifierPolicy v005 =
            new SpcIdentifierPolicy(SpcIdentifierPolicy.ATIS_V005_SPC);

    @Test
    void requireSingleSpc_spc1234_returnsIt() {
        assertEquals("1234", us.requireSingleSpc(HEX.parseHex("3008a006160431323334")));
        assertEquals("281K", us.requireSingleSpc(HEX.parseHex("3008a00616043238314b")));
    }

    @Test
    void requireSingleSpc_twoSpcs_rejected() {
        // STANDARDS.md §1.4 item 5; zlint shakenTNAuthMultiple: one entry only for SHAKEN EE.
        assertRejected(us, "3010a006160436363238a006160436363238", "exactly one entry");
    }

    @Test
    void requireSingleSpc_telephoneNumberOnly_rejected() {
        // ATIS-1000080 v005 (STANDARDS.md §1.1 table): SPC only, no TNs or ranges.
        assertRejected(us, "3008a206160431323334", "must hold an SPC");
    }

    @Test
    void requireSingleSpc_lowercaseSpc_rejected() {
        // ATIS-1000080 v005 SPC format ^[A-Z0-9]+$ (zlint e_atis_tn_auth_list_spc_format).
        assertRejected(v005, "3008a006160431323361", "format");
        assertRejected(us, "3008a006160431323361", "format");
    }

    @Test
    void requireSingleSpc_fiveCharacterSpcUnderUsDefault_rejected() {
        // STANDARDS.md §1.4 item 4: US default ^[A-Z0-9]{4}$; the v005 pattern accepts it.
        String der = HEX.formatHex(TnAuthListCodec.encode(TnAuthList.ofSpc("12345")));
        assertRejected(us, der, "format");
        assertEquals("12345", v005.requireSingleSpc(HEX.parseHex(der)));
    }

    @Test
    void requireSingleSpc_malformedDer_rejectedMalformed() {
        PolicyException e = assertThrows(PolicyException.class,
                () -> us.requireSingleSpc(HEX.parseHex("3006800431323334")));
        assertEquals(Violation.TNAUTHLIST_MALFORMED, e.violation());
    }

    private static void assertRejected(SpcIdentifierPolicy policy, String hex, String fragment) {
        PolicyException e = assertThrows(PolicyException.class,
                () -> policy.requireSingleSpc(HEX.parseHex(hex)));
        assertEquals(Violation.TNAUTHLIST_REJECTED, e.violation());
        assertTrue(e.detail().contains(fragment), e.detail());
    }
}
