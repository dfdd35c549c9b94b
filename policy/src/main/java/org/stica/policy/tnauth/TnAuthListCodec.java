package org.stica.policy.tnauth;

/**
 * Strict DER codec for TNAuthList (RFC 8226 §9, Appendix A: EXPLICIT tags, so SPC 1234 is
 * {@code 30 08 a0 06 16 04 31 32 33 34}). Decoding rejects BER, trailing bytes, empty lists and
 * empty SPCs with {@link org.stica.policy.Violation#TNAUTHLIST_MALFORMED}.
 */
public final class TnAuthListCodec {
    private TnAuthListCodec() {
    }

    /** Decodes strict DER (re-encodes and compares bytes). */
    public static TnAuthList decode(byte[] der) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Encodes to DER with explicit tags. */
    public static byte[] encode(TnAuthList list) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /**
     * Decodes an identifier or {@code tkvalue} string in any of the four forms seen in practice
     * (base64url or standard base64, padded or not; STANDARDS.md §0 trap 2) to DER bytes, and
     * checks they decode as a TNAuthList. Compare the returned DER, never the strings.
     */
    public static byte[] derFromText(String value) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** base64url without padding (RFC 9448 §3), the form this server writes. */
    public static String toText(byte[] der) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
