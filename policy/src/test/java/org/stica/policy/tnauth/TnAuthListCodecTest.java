package org.stica.policy.tnauth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;

/** STANDARDS.md §7.1 vectors and RFC 8226 §9 / Appendix A decoding rules. */
class TnAuthListCodecTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String SPC_1234 = "3008a006160431323334";
    private static final String RANGE = "3015a1133011160b3132303235353531303030020203e8";
    private static final String ONE_TN = "300fa20d160b3132303235353531323132";
    private static final String ALL_THREE = "302ca006160431323334a1133011160b3132303235353531303030"
            + "020203e8a20d160b3132303235353531323132";

    // STANDARDS.md §7.1: every positive vector decodes, re-encodes to the same DER, and every
    // listed text form (base64url unpadded, std base64 padded) gives the same DER.
    @ParameterizedTest
    @CsvSource({
        "3008a006160431323334, MAigBhYEMTIzNA, MAigBhYEMTIzNA==",
        "3008a00616043238314b, MAigBhYEMjgxSw, MAigBhYEMjgxSw==",
        "3015a1133011160b3132303235353531303030020203e8, MBWhEzARFgsxMjAyNTU1MTAwMAICA-g,"
                + " MBWhEzARFgsxMjAyNTU1MTAwMAICA+g=",
        "300fa20d160b3132303235353531323132, MA-iDRYLMTIwMjU1NTEyMTI, MA+iDRYLMTIwMjU1NTEyMTI=",
    })
    void derFromText_standardsVectors_giveTheSameDer(String hex, String url, String std) {
        byte[] der = HEX.parseHex(hex);
        assertArrayEquals(der, TnAuthListCodec.encode(TnAuthListCodec.decode(der)));
        assertArrayEquals(der, TnAuthListCodec.derFromText(url));
        assertArrayEquals(der, TnAuthListCodec.derFromText(std));
        assertArrayEquals(der, TnAuthListCodec.derFromText(url.replace('-', '+')));
        assertArrayEquals(der, TnAuthListCodec.derFromText(std.replace("=", "")));
        assertEquals(url, TnAuthListCodec.toText(der));
    }

    @Test
    void decode_spc1234_givesOneSpcEntry() {
        TnAuthList list = TnAuthListCodec.decode(HEX.parseHex(SPC_1234));
        assertEquals(TnAuthList.ofSpc("1234"), list);
        assertEquals("1234", list.singleSpc().orElseThrow());
    }

    @Test
    void decode_spcRangeAndTn_givesThreeEntriesInOrder() {
        // STANDARDS.md §7.1 last row (no std base64 form listed there).
        TnAuthList list = TnAuthListCodec.decode(HEX.parseHex(ALL_THREE));
        assertEquals(List.of(new TnEntry.Spc("1234"), new TnEntry.Range("12025551000", 1000),
                new TnEntry.One("12025551212")), list.entries());
        assertEquals("MCygBhYEMTIzNKETMBEWCzEyMDI1NTUxMDAwAgID6KINFgsxMjAyNTU1MTIxMg",
                TnAuthListCodec.toText(HEX.parseHex(ALL_THREE)));
        assertArrayEquals(HEX.parseHex(ALL_THREE), TnAuthListCodec.encode(list));
    }

    @Test
    void encode_spc_usesExplicitTags() {
        // RFC 8226 Appendix A: DEFINITIONS EXPLICIT TAGS (STANDARDS.md §0 trap 4).
        assertArrayEquals(HEX.parseHex(SPC_1234),
                TnAuthListCodec.encode(TnAuthList.ofSpc("1234")));
        assertArrayEquals(HEX.parseHex(RANGE), TnAuthListCodec.encode(
                new TnAuthList(List.of(new TnEntry.Range("12025551000", 1000)))));
        assertArrayEquals(HEX.parseHex(ONE_TN), TnAuthListCodec.encode(
                new TnAuthList(List.of(new TnEntry.One("12025551212")))));
    }

    @Test
    void decode_implicitTagging_rejectedMalformed() {
        // RFC 8226 Appendix A uses EXPLICIT tags; Asterisk treats primitive [0] as "no SPC".
        assertMalformed("3006800431323334", "implicitly tagged");
    }

    @Test
    void decode_emptyList_rejectedMalformed() {
        // RFC 8226 §9: TNAuthorizationList ::= SEQUENCE SIZE (1..MAX) OF TNEntry.
        assertMalformed("3000", "empty");
    }

    @Test
    void decode_emptySpc_rejectedMalformed() {
        // STANDARDS.md §1.4 item 5 (zlint shakenTNAuthEmpty fixtures).
        assertMalformed("3004a0021600", "empty SPC");
    }

    @Test
    void decode_berIndefiniteLength_rejectedMalformed() {
        // STANDARDS.md §1.4 item 5: BER is refused (re-encode and compare).
        assertMalformed("3080a0061604313233340000", "not DER");
    }

    @Test
    void decode_nonMinimalLength_rejectedMalformed() {
        assertMalformed("308108a006160431323334", "not DER");
    }

    @Test
    void decode_trailingBytes_rejectedMalformed() {
        // STANDARDS.md §1.4 item 5: no trailing bytes.
        assertMalformed(SPC_1234 + "00", "trailing bytes");
        assertMalformed(SPC_1234 + SPC_1234, "trailing bytes");
    }

    @Test
    void decode_notASequence_rejectedMalformed() {
        assertMalformed("160431323334", "not a SEQUENCE");
    }

    @Test
    void decode_unknownTag_rejectedMalformed() {
        assertMalformed("3008a306160431323334", "unknown tag [3]");
    }

    @Test
    void decode_telephoneNumberWithLetter_rejectedMalformed() {
        // RFC 8226 §9: TelephoneNumber ::= IA5String (SIZE (1..15)) (FROM ("0123456789#*")).
        assertMalformed("3008a206160431326134", "outside 0-9");
    }

    @Test
    void decode_telephoneNumberOf16Digits_rejectedMalformed() {
        // RFC 8226 §9: SIZE (1..15).
        assertMalformed("3014a2121610" + HEX.formatHex("1234567890123456".getBytes()),
                "1 to 15");
    }

    @Test
    void decode_emptyTelephoneNumber_rejectedMalformed() {
        assertMalformed("3004a2021600", "1 to 15");
    }

    @Test
    void decode_rangeCountOne_rejectedMalformed() {
        // RFC 8226 §9: count INTEGER (2..MAX).
        assertMalformed("300da10b30091604313233340201" + "01", "below 2");
    }

    @Test
    void decode_spcWithEightBitCharacter_rejectedMalformed() {
        assertMalformed("3008a006160431323380", "non-IA5");
    }

    @Test
    void decode_spcAsUtf8String_rejectedMalformed() {
        assertMalformed("3008a0060c0431323334", "not an IA5String");
    }

    @Test
    void decode_emptyInput_rejectedMalformed() {
        assertMalformed("", "empty");
    }

    @Test
    void decode_twoSpcsOrTnOnlyOrLowercase_decodeAsLists() {
        // STANDARDS.md §7.1 negative fixtures for SHAKEN: structurally valid TNAuthLists, refused
        // by SpcIdentifierPolicy instead (see SpcIdentifierPolicyTest).
        assertEquals(2, TnAuthListCodec.decode(
                HEX.parseHex("3010a006160436363238a006160436363238")).entries().size());
        assertEquals(new TnEntry.One("1234"), TnAuthListCodec.decode(
                HEX.parseHex("3008a206160431323334")).entries().get(0));
        assertEquals("123a", TnAuthListCodec.decode(
                HEX.parseHex("3008a006160431323361")).singleSpc().orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "MAigBhYE MTIzNA", "MAigBhYEMTIzNA\n", " MAigBhYEMTIzNA", "MAigBhYEMTIzNA==\r\n",
        "MAig*hYEMTIzNA", "MAigBhYEMTIzNA=", "MAigBhYEMTIzNA===", "MAig=BhYEMTIzNA",
        "MAigBhYEMTIzNB", "", "M", "MA+iDRYLMTIwMjU1NTEyMTI_"
    })
    void derFromText_badText_rejectedMalformed(String text) {
        // STANDARDS.md §0 trap 2: four encodings accepted, nothing else (no whitespace, no
        // other characters, correct padding, canonical bits, one alphabet).
        PolicyException e = assertThrows(PolicyException.class,
                () -> TnAuthListCodec.derFromText(text));
        assertEquals(Violation.TNAUTHLIST_MALFORMED, e.violation());
    }

    @Test
    void derFromText_validBase64OfNonTnAuthList_rejectedMalformed() {
        // base64url of 3000 (empty list) is well-formed text but not a TNAuthList.
        PolicyException e = assertThrows(PolicyException.class,
                () -> TnAuthListCodec.derFromText("MAA"));
        assertEquals(Violation.TNAUTHLIST_MALFORMED, e.violation());
    }

    @Test
    void encode_invalidEntries_rejectedMalformed() {
        assertEncodeRejected(new TnAuthList(List.of()));
        assertEncodeRejected(TnAuthList.ofSpc(""));
        assertEncodeRejected(new TnAuthList(List.of(new TnEntry.Range("1234", 1))));
        assertEncodeRejected(new TnAuthList(List.of(new TnEntry.One("12a4"))));
    }

    private static void assertEncodeRejected(TnAuthList list) {
        PolicyException e = assertThrows(PolicyException.class,
                () -> TnAuthListCodec.encode(list));
        assertEquals(Violation.TNAUTHLIST_MALFORMED, e.violation());
    }

    private static void assertMalformed(String hex, String detailFragment) {
        PolicyException e = assertThrows(PolicyException.class,
                () -> TnAuthListCodec.decode(HEX.parseHex(hex)));
        assertEquals(Violation.TNAUTHLIST_MALFORMED, e.violation());
        assertTrue(e.detail().contains(detailFragment),
                () -> "detail \"" + e.detail() + "\" should contain \"" + detailFragment + "\"");
    }
}
