package org.stica.policy.rcd;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/** The RFC 9795 examples and the RCD.md §2 and §7 vectors shared by the rcd tests. */
final class RcdVectors {
    static final String NAM = "Q Branch Spy Gadgets";
    /** RFC 9795 §8.3 {@code /nam}. */
    static final String NAM_DIGEST = "sha256-sM275lTgzCte+LHOKHtU4SxG8shlOo6OS4ot8IJQImY";
    /** RFC 9795 §8.3 {@code /icn} (the image bytes are not published; tests map it). */
    static final String ICN_DIGEST = "sha256-RojgWwU6xUtI4q82+kHPyHm1JKbm7+663bMvzymhkl4";
    static final URI ICN = URI.create("https://example.com/photos/q-256x256.png");
    static final URI JCL = URI.create("https://example.com/qbranch.json");

    /** RFC 9795 §6.1.3 jCard, compact, with the given photo file name. */
    static String jCard(String photo) {
        return "[\"vcard\",[[\"version\",{},\"text\",\"4.0\"],[\"fn\",{},\"text\",\"Q Branch\"],"
                + "[\"org\",{},\"text\",\"MI6;Q Branch Spy Gadgets\"],"
                + "[\"photo\",{},\"uri\",\"https://example.com/photos/" + photo + "\"],"
                + "[\"logo\",{},\"uri\",\"https://example.com/logos/mi6-256x256.jpg\"],"
                + "[\"logo\",{},\"uri\",\"https://example.com/logos/mi6-64x64.jpg\"]]]";
    }

    /** RFC 9795 §6.1.3 {@code /jcd} over the quartermaster jCard. */
    static final String JCD_DIGEST = "sha256-7kdCBZqH0nqMSPsmABvsKlHPhZEStgjojhdSJGRr3rk";
    /** RFC 9795 §8.3 {@code /jcl} over the compact bytes of the q-256x256 jCard. */
    static final String JCL_DIGEST = "sha256-qCn4pEH6BJu7zXndLFuAP6DwlTv5fRmJ1AFkqftwnCs";

    /** RCD.md §7: the rcdi of the worked example, canonical. */
    static final String EXAMPLE_RCDI = "{\"/icn\":\"" + ICN_DIGEST + "\",\"/nam\":\""
            + NAM_DIGEST + "\"}";

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private RcdVectors() {
    }
}
