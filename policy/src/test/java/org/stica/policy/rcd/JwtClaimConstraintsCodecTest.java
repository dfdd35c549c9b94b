package org.stica.policy.rcd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;
import org.stica.policy.tnauth.TnAuthList;
import org.stica.policy.tnauth.TnAuthListCodec;

/** JWTClaimConstraints DER (RFC 8226 §8, RFC 9118 §3) and the RCD.md §7 worked example. */
class JwtClaimConstraintsCodecTest {
    private static final HexFormat HEX = HexFormat.of();
    /** RCD.md §7: the ACME identifier value of the worked example, computed independently. */
    private static final String EXAMPLE_IDENTIFIER = "MIGboA0wCxYDcmNkFgRyY2RpoYGJMIGGMIGDFgRyY2Rp"
            + "MHsMeXsiL2ljbiI6InNoYTI1Ni1Sb2pnV3dVNnhVdEk0cTgyK2tIUHlIbTFKS2JtNys2NjNiTXZ6eW1oa2w0"
            + "IiwiL25hbSI6InNoYTI1Ni1zTTI3NWxUZ3pDdGUrTEhPS0h0VTRTeEc4c2hsT282T1M0b3Q4SUpRSW1ZIn0";

    /** RCD.md §7 byte layout, written out piece by piece. */
    private static byte[] exampleDer() {
        String rcdi = HEX.formatHex(RcdVectors.EXAMPLE_RCDI.getBytes(StandardCharsets.UTF_8));
        return HEX.parseHex("30819b"
                + "a00d300b1603" + ascii("rcd") + "1604" + ascii("rcdi")
                + "a18189308186" + "3081831604" + ascii("rcdi") + "307b0c79" + rcdi);
    }

    private static String ascii(String text) {
        return HEX.formatHex(text.getBytes(StandardCharsets.US_ASCII));
    }

    static JwtClaimConstraints exampleConstraints() {
        Rcd rcd = Rcd.ofName(RcdVectors.NAM).withIcon(RcdVectors.ICN);
        Rcdi rcdi = new Rcdi(new java.util.TreeMap<>(Map.of("/icn", RcdVectors.ICN_DIGEST,
                "/nam", RcdVectors.NAM_DIGEST)));
        return RcdConstraintsBuilder.of(rcd, rcdi).build();
    }

    @Test
    void build_workedExample_reproducesRcdMdSection7ByteForByte() {
        // RFC 9795 §6.3: mustInclude rcd and rcdi, permittedValues rcdi = its claim string.
        byte[] der = JwtClaimConstraintsCodec.encode(exampleConstraints());
        assertEquals(158, der.length);
        assertArrayEquals(exampleDer(), der);
        assertEquals(EXAMPLE_IDENTIFIER, JwtClaimConstraintsCodec.toIdentifierValue(der));
        assertArrayEquals(der, JwtClaimConstraintsCodec.fromIdentifierValue(EXAMPLE_IDENTIFIER));
    }

    @Test
    void extension_workedExample_isIdPe27NonCritical() throws Exception {
        // RFC 9118 §6: id-pe 27 unless mustExclude is needed; RFC 8226 §8: non-critical.
        Extension extension = JwtClaimConstraintsCodec.extension(exampleConstraints());
        assertEquals(JwtClaimConstraintsCodec.ID_PE_27, extension.getExtnId());
        assertFalse(extension.isCritical());
        // RCD.md §7: 30 81 AB 06 08 2B 06 01 05 05 07 01 1B 04 81 9E <the 158 bytes>.
        assertEquals("3081ab" + "06082b0601050507011b" + "04819e" + HEX.formatHex(exampleDer()),
                HEX.formatHex(extension.getEncoded()));
    }

    @Test
    void encode_mustExclude_givesTheEnhancedVariant() {
        // RCD.md §7 (RFC 9118 §3): same [0] and [1], then A2 07 30 05 16 03 "crn"; 167 bytes.
        JwtClaimConstraints enhanced = RcdConstraintsBuilder.of(
                Rcd.ofName(RcdVectors.NAM).withIcon(RcdVectors.ICN),
                exampleConstraints().permitted("rcdi").map(v -> Rcdi.fromJson(
                        new io.vertx.core.json.JsonObject(v.get(0)))).orElseThrow())
                .mustExclude("crn").build();
        assertEquals(JwtClaimConstraintsCodec.ID_PE_33, enhanced.oid());
        byte[] der = JwtClaimConstraintsCodec.encode(enhanced);
        String expected = "3081a4" + HEX.formatHex(exampleDer()).substring(6)
                + "a207300516" + "03" + ascii("crn");
        assertEquals(expected, HEX.formatHex(der));
        assertEquals(167, der.length);
        assertEquals(enhanced, JwtClaimConstraintsCodec.decode(JwtClaimConstraintsCodec.ID_PE_33,
                der));
    }

    @Test
    void decode_roundTrip_givesTheSameValue() {
        JwtClaimConstraints value = new JwtClaimConstraints(List.of("rcd", "rcdi", "crn"),
                List.of(new JwtClaimConstraints.ClaimValues("crn", List.of("Delivery", "Ünïcode"))),
                List.of());
        byte[] der = JwtClaimConstraintsCodec.encode(value);
        assertEquals(value, JwtClaimConstraintsCodec.decode(JwtClaimConstraintsCodec.ID_PE_27,
                der));
        assertArrayEquals(der, JwtClaimConstraintsCodec.encode(
                JwtClaimConstraintsCodec.decode(JwtClaimConstraintsCodec.ID_PE_27, der)));
    }

    @Test
    void decode_workedExample_opensslAsn1parseAgrees(@TempDir Path dir) throws Exception {
        // Independent decoder: OpenSSL sees the EXPLICIT [0]/[1] tags, IA5 names, UTF8 value.
        Path file = dir.resolve("jcc.der");
        Files.write(file, exampleDer());
        Process process = new ProcessBuilder("openssl", "asn1parse", "-inform", "DER", "-in",
                file.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        List<String> lines = output.lines().map(line -> line.replaceAll("\\s+", " ")).toList();
        assertTrue(lines.get(0).contains("d=0 hl=3 l= 155 cons: SEQUENCE"), output);
        assertTrue(lines.get(1).contains("d=1 hl=2 l= 13 cons: cont [ 0 ]"), output);
        assertTrue(lines.get(3).endsWith("prim: IA5STRING :rcd"), output);
        assertTrue(lines.get(4).endsWith("prim: IA5STRING :rcdi"), output);
        assertTrue(lines.get(5).contains("d=1 hl=3 l= 137 cons: cont [ 1 ]"), output);
        assertTrue(lines.get(8).endsWith("prim: IA5STRING :rcdi"), output);
        assertTrue(lines.get(10).endsWith("prim: UTF8STRING :" + RcdVectors.EXAMPLE_RCDI),
                output);
        assertEquals(11, lines.size(), output);
    }

    @Test
    void companionTnAuthList_isTheRcdMdIdentifier() {
        // RCD.md §7: TNAuthList for TN 12025551000 = 30 0F A2 0D 16 0B "12025551000".
        byte[] der = TnAuthListCodec.encode(new TnAuthList(List.of(
                new org.stica.policy.tnauth.TnEntry.One("12025551000"))));
        assertEquals("MA-iDRYLMTIwMjU1NTEwMDA", TnAuthListCodec.toText(der));
    }

    @Test
    void decode_malformed_refusedWithDetail() {
        byte[] good = exampleDer();
        // trailing byte
        byte[] trailing = java.util.Arrays.copyOf(good, good.length + 1);
        assertMalformed(JwtClaimConstraintsCodec.ID_PE_27, trailing, "trailing");
        // BER long-form length where DER needs short form: 30 81 0F ... instead of 30 0F
        assertMalformed(JwtClaimConstraintsCodec.ID_PE_27,
                HEX.parseHex("30810fa00d300b1603726364160472636469"), "not DER");
        // empty SEQUENCE OF names (RFC 8226 §8 SIZE (1..MAX))
        assertMalformed(JwtClaimConstraintsCodec.ID_PE_27, HEX.parseHex("3004a0023000"),
                "empty");
        // no component at all (RFC 9118 §3)
        assertMalformed(JwtClaimConstraintsCodec.ID_PE_27, HEX.parseHex("3000"),
                "at least one");
        // implicitly tagged [0] (Appendix A: EXPLICIT TAGS)
        assertMalformed(JwtClaimConstraintsCodec.ID_PE_27,
                HEX.parseHex("3007a0051603726364"), "not a SEQUENCE");
        // mustExclude under id-pe 27 (RFC 9118 §3: only the enhanced form has [2])
        assertMalformed(JwtClaimConstraintsCodec.ID_PE_27,
                HEX.parseHex("3009a2073005160363726e"), "id-pe 33");
        // a name as UTF8String instead of IA5String
        assertMalformed(JwtClaimConstraintsCodec.ID_PE_27,
                HEX.parseHex("3009a00730050c03726364"), "IA5String");
        // a value as IA5String instead of UTF8String
        assertMalformed(JwtClaimConstraintsCodec.ID_PE_27,
                HEX.parseHex("3011a10f300d300b160363726e30041602782e"), "UTF8String");
        // components out of order
        assertMalformed(JwtClaimConstraintsCodec.ID_PE_33,
                HEX.parseHex("3012a2073005160363726ea0073005160372636"
                        + "4"), "out of order");
    }

    @Test
    void fromIdentifierValue_paddedOrStandardAlphabet_refused() {
        // RCD.md §6 (RFC 9448 §3 analogue): base64url without padding.
        for (String bad : new String[] {EXAMPLE_IDENTIFIER + "=", EXAMPLE_IDENTIFIER.replace('-',
                '+') + "+/", "", "MAA"}) {
            PolicyException e = assertThrows(PolicyException.class,
                    () -> JwtClaimConstraintsCodec.fromIdentifierValue(bad), bad);
            assertEquals(Violation.JWT_CLAIM_CONSTRAINTS_MALFORMED, e.violation());
        }
    }

    private static void assertMalformed(org.bouncycastle.asn1.ASN1ObjectIdentifier oid,
                                        byte[] der, String detailPart) {
        PolicyException e = assertThrows(PolicyException.class,
                () -> JwtClaimConstraintsCodec.decode(oid, der), HEX.formatHex(der));
        assertEquals(Violation.JWT_CLAIM_CONSTRAINTS_MALFORMED, e.violation());
        assertTrue(e.detail().contains(detailPart), e.detail());
    }
}
