package org.stica.policy.tnauth;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.stica.policy.PolicyException;
import org.stica.policy.StrictDer;
import org.stica.policy.Violation;

/**
 * Strict DER codec for TNAuthList (RFC 8226 §9, Appendix A: EXPLICIT tags, so SPC 1234 is
 * {@code 30 08 a0 06 16 04 31 32 33 34}). Decoding rejects BER, trailing bytes, empty lists,
 * empty SPCs, implicitly tagged entries, telephone numbers outside {@code 0-9#*} or 1..15
 * characters, and range counts below 2, all with
 * {@link org.stica.policy.Violation#TNAUTHLIST_MALFORMED} and a precise detail.
 *
 * <p>The codec accepts every RFC 8226 shape (several entries, ranges, single numbers). Whether an
 * identifier is acceptable for a SHAKEN order (one SPC of a given format) is decided by
 * {@link SpcIdentifierPolicy}.
 */
public final class TnAuthListCodec {
    private static final int TAG_SPC = 0;
    private static final int TAG_RANGE = 1;
    private static final int TAG_ONE = 2;
    private static final Pattern TELEPHONE_NUMBER = Pattern.compile("[0-9#*]{1,15}");
    private static final Pattern BASE64_ANY = Pattern.compile("[A-Za-z0-9+/_-]+={0,2}");
    private static final BigInteger MAX_COUNT = BigInteger.valueOf(Long.MAX_VALUE);

    private TnAuthListCodec() {
    }

    /** Decodes strict DER (re-encodes and compares bytes). */
    public static TnAuthList decode(byte[] der) {
        ASN1Primitive parsed = StrictDer.parse(der, "TNAuthList", TnAuthListCodec::malformed);
        if (!(parsed instanceof ASN1Sequence sequence)) {
            throw malformed("TNAuthList is not a SEQUENCE");
        }
        if (sequence.size() == 0) {
            throw malformed("TNAuthList is empty (SEQUENCE SIZE (1..MAX) required)");
        }
        List<TnEntry> entries = new ArrayList<>(sequence.size());
        for (int i = 0; i < sequence.size(); i++) {
            entries.add(decodeEntry(sequence.getObjectAt(i), i));
        }
        return new TnAuthList(entries);
    }

    /** Encodes to DER with explicit tags; refuses values that {@link #decode} would refuse. */
    public static byte[] encode(TnAuthList list) {
        if (list.entries().isEmpty()) {
            throw malformed("TNAuthList is empty (SEQUENCE SIZE (1..MAX) required)");
        }
        ASN1EncodableVector vector = new ASN1EncodableVector();
        for (int i = 0; i < list.entries().size(); i++) {
            vector.add(encodeEntry(list.entries().get(i), i));
        }
        return encodeDer(new DERSequence(vector));
    }

    /**
     * Decodes an identifier or {@code tkvalue} string in any of the four forms seen in practice
     * (base64url or standard base64, padded or not; STANDARDS.md §0 trap 2) to DER bytes, and
     * checks they decode as a TNAuthList. Compare the returned DER, never the strings.
     * Whitespace, characters outside the base64 alphabets, a mix of the two alphabets, wrong
     * padding and non-canonical trailing bits are refused.
     */
    public static byte[] derFromText(String value) {
        byte[] der = base64Decode(value);
        decode(der);
        return der;
    }

    /** base64url without padding (RFC 9448 §3), the form this server writes. */
    public static String toText(byte[] der) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(der);
    }

    private static byte[] base64Decode(String value) {
        if (value == null || value.isEmpty()) {
            throw malformed("TNAuthList text is empty");
        }
        if (!BASE64_ANY.matcher(value).matches()) {
            throw malformed(
                    "TNAuthList text is not base64 or base64url (bad character or padding)");
        }
        boolean url = value.indexOf('-') >= 0 || value.indexOf('_') >= 0;
        boolean std = value.indexOf('+') >= 0 || value.indexOf('/') >= 0;
        if (url && std) {
            throw malformed("TNAuthList text mixes the base64 and base64url alphabets");
        }
        int padding = value.length() - value.replace("=", "").length();
        String unpadded = value.substring(0, value.length() - padding);
        if (padding > 0 && value.length() % 4 != 0) {
            throw malformed("TNAuthList text has wrong base64 padding");
        }
        if (unpadded.length() % 4 == 1 || (padding > 0 && (unpadded.length() % 4) + padding != 4)) {
            throw malformed("TNAuthList text has an impossible base64 length");
        }
        String normalized = unpadded.replace('+', '-').replace('/', '_');
        byte[] der;
        try {
            der = Base64.getUrlDecoder().decode(normalized);
        } catch (IllegalArgumentException e) {
            throw malformed("TNAuthList text is not valid base64");
        }
        if (!toText(der).equals(normalized)) {
            throw malformed("TNAuthList text is not canonical base64 (non-zero trailing bits)");
        }
        return der;
    }

    private static TnEntry decodeEntry(ASN1Encodable element, int index) {
        String where = "TNEntry " + index;
        if (!(element instanceof ASN1TaggedObject tagged)
                || tagged.getTagClass() != BERTags.CONTEXT_SPECIFIC) {
            throw malformed(where + " is not a context-specific tagged CHOICE");
        }
        int tag = tagged.getTagNo();
        if (tag != TAG_SPC && tag != TAG_RANGE && tag != TAG_ONE) {
            throw malformed(where + " has unknown tag [" + tag + "] (expected [0], [1] or [2])");
        }
        if (!tagged.isExplicit()) {
            throw malformed(where + " [" + tag + "] is implicitly tagged;"
                    + " RFC 8226 Appendix A uses EXPLICIT tags");
        }
        ASN1Primitive base = tagged.getExplicitBaseObject().toASN1Primitive();
        return switch (tag) {
            case TAG_SPC -> new TnEntry.Spc(spcFrom(base, where));
            case TAG_RANGE -> rangeFrom(base, where);
            default -> new TnEntry.One(telephoneNumberFrom(base, where + " one"));
        };
    }

    private static String spcFrom(ASN1Primitive base, String where) {
        String spc = ia5From(base, where + " spc");
        checkSpc(spc, where);
        return spc;
    }

    private static TnEntry.Range rangeFrom(ASN1Primitive base, String where) {
        if (!(base instanceof ASN1Sequence range)) {
            throw malformed(where + " range is not a SEQUENCE");
        }
        if (range.size() != 2) {
            throw malformed(where + " range must hold exactly start and count");
        }
        String start = telephoneNumberFrom(range.getObjectAt(0).toASN1Primitive(),
                where + " range start");
        if (!(range.getObjectAt(1) instanceof ASN1Integer countInteger)) {
            throw malformed(where + " range count is not an INTEGER");
        }
        BigInteger count = countInteger.getValue();
        if (count.compareTo(BigInteger.TWO) < 0) {
            throw malformed(where + " range count " + count + " is below 2 (RFC 8226 §9)");
        }
        if (count.compareTo(MAX_COUNT) > 0) {
            throw malformed(where + " range count is too large");
        }
        return new TnEntry.Range(start, count.longValueExact());
    }

    private static String telephoneNumberFrom(ASN1Primitive base, String where) {
        String number = ia5From(base, where);
        checkTelephoneNumber(number, where);
        return number;
    }

    private static String ia5From(ASN1Primitive base, String where) {
        return StrictDer.ia5(base, where, TnAuthListCodec::malformed);
    }

    private static void checkSpc(String spc, String where) {
        if (spc.isEmpty()) {
            throw malformed(where + " has an empty SPC");
        }
        if (!ASN1IA5String.isIA5String(spc)) {
            throw malformed(where + " SPC holds a non-IA5 character");
        }
    }

    private static void checkTelephoneNumber(String number, String where) {
        if (number.isEmpty() || number.length() > 15) {
            throw malformed(where + " telephone number must be 1 to 15 characters (RFC 8226 §9)");
        }
        if (!TELEPHONE_NUMBER.matcher(number).matches()) {
            throw malformed(where + " telephone number holds characters outside 0-9, # and *");
        }
    }

    private static ASN1Encodable encodeEntry(TnEntry entry, int index) {
        String where = "TNEntry " + index;
        if (entry instanceof TnEntry.Spc spc) {
            checkSpc(spc.code(), where);
            return new DERTaggedObject(true, TAG_SPC, new DERIA5String(spc.code()));
        }
        if (entry instanceof TnEntry.Range range) {
            checkTelephoneNumber(range.start(), where + " range start");
            if (range.count() < 2) {
                throw malformed(where + " range count " + range.count()
                        + " is below 2 (RFC 8226 §9)");
            }
            DERSequence body = new DERSequence(new ASN1Encodable[] {
                new DERIA5String(range.start()), new ASN1Integer(range.count())});
            return new DERTaggedObject(true, TAG_RANGE, body);
        }
        TnEntry.One one = (TnEntry.One) entry;
        checkTelephoneNumber(one.number(), where + " one");
        return new DERTaggedObject(true, TAG_ONE, new DERIA5String(one.number()));
    }

    private static byte[] encodeDer(ASN1Primitive primitive) {
        return StrictDer.encode(primitive, "TNAuthList", TnAuthListCodec::malformed);
    }

    private static PolicyException malformed(String detail) {
        return new PolicyException(Violation.TNAUTHLIST_MALFORMED, detail);
    }
}
