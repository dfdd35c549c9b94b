package org.stica.policy.rcd;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.Extension;
import org.stica.policy.PolicyException;
import org.stica.policy.StrictDer;
import org.stica.policy.Violation;

/**
 * Strict DER codec for JWTClaimConstraints (RFC 8226 §8 and Appendix A, id-pe 27) and
 * EnhancedJWTClaimConstraints (RFC 9118 §3 and Appendix A, id-pe 33), both modules with EXPLICIT
 * tags: {@code [0]} is {@code A0 len 30 len ...} (RFC 9118 §5). Built from Bouncy Castle ASN.1
 * primitives only. Decoding refuses BER or non-minimal DER, trailing bytes, components out of
 * order or implicitly tagged, empty SEQUENCE OFs, non-IA5 names, non-UTF8String values, no
 * component at all, and {@code mustExclude} under id-pe 27, each with
 * {@link Violation#JWT_CLAIM_CONSTRAINTS_MALFORMED} and a precise detail.
 *
 * <p>The ACME identifier value (draft-ietf-acme-authority-token-jwtclaimcon, by analogy with
 * RFC 9448 §3; RCD.md §6, UNCONFIRMED) is the base64url, unpadded, of the extension value DER:
 * {@link #toIdentifierValue}, {@link #fromIdentifierValue}.
 */
public final class JwtClaimConstraintsCodec {
    /** JWTClaimConstraints, {@code id-pe 27} (RFC 8226 §8). */
    public static final ASN1ObjectIdentifier ID_PE_27 =
            new ASN1ObjectIdentifier("1.3.6.1.5.5.7.1.27");
    /** EnhancedJWTClaimConstraints, {@code id-pe 33} (RFC 9118 §3). */
    public static final ASN1ObjectIdentifier ID_PE_33 =
            new ASN1ObjectIdentifier("1.3.6.1.5.5.7.1.33");

    private static final int MUST_INCLUDE = 0;
    private static final int PERMITTED_VALUES = 1;
    private static final int MUST_EXCLUDE = 2;
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");

    private JwtClaimConstraintsCodec() {
    }

    /** The DER of the extension value (the SEQUENCE, without OID or criticality). */
    public static byte[] encode(JwtClaimConstraints constraints) {
        ASN1EncodableVector components = new ASN1EncodableVector();
        if (!constraints.mustInclude().isEmpty()) {
            components.add(new DERTaggedObject(true, MUST_INCLUDE,
                    names(constraints.mustInclude())));
        }
        if (!constraints.permittedValues().isEmpty()) {
            ASN1EncodableVector list = new ASN1EncodableVector();
            for (JwtClaimConstraints.ClaimValues entry : constraints.permittedValues()) {
                ASN1EncodableVector values = new ASN1EncodableVector();
                entry.values().forEach(value -> values.add(new DERUTF8String(value)));
                list.add(new DERSequence(new ASN1Encodable[] {
                    new DERIA5String(entry.claim()), new DERSequence(values)}));
            }
            components.add(new DERTaggedObject(true, PERMITTED_VALUES, new DERSequence(list)));
        }
        if (!constraints.mustExclude().isEmpty()) {
            components.add(new DERTaggedObject(true, MUST_EXCLUDE,
                    names(constraints.mustExclude())));
        }
        return der(new DERSequence(components));
    }

    /** The non-critical extension (RFC 8226 §8; RFC 9118 §3) under {@link JwtClaimConstraints#oid()}. */
    public static Extension extension(JwtClaimConstraints constraints) {
        return new Extension(constraints.oid(), false, encode(constraints));
    }

    /** Decodes the extension value found under {@code oid} (id-pe 27 or 33), strictly. */
    public static JwtClaimConstraints decode(ASN1ObjectIdentifier oid, byte[] der) {
        if (!ID_PE_27.equals(oid) && !ID_PE_33.equals(oid)) {
            throw malformed("extension " + oid + " is not JWTClaimConstraints (id-pe 27 or 33)");
        }
        ASN1Sequence sequence = parse(der);
        List<String> mustInclude = List.of();
        List<JwtClaimConstraints.ClaimValues> permitted = List.of();
        List<String> mustExclude = List.of();
        int last = -1;
        for (ASN1Encodable element : sequence) {
            if (!(element instanceof ASN1TaggedObject tagged)
                    || tagged.getTagClass() != BERTags.CONTEXT_SPECIFIC) {
                throw malformed("a component is not context-specific tagged");
            }
            int tag = tagged.getTagNo();
            int maxTag = ID_PE_33.equals(oid) ? MUST_EXCLUDE : PERMITTED_VALUES;
            if (tag <= last || tag > maxTag) {
                throw malformed("component [" + tag + "] is unknown or out of order"
                        + (tag == MUST_EXCLUDE ? " (mustExclude needs id-pe 33, RFC 9118 §3)"
                        : ""));
            }
            if (!tagged.isExplicit()) {
                throw malformed("component [" + tag + "] is implicitly tagged; RFC 8226"
                        + " Appendix A and RFC 9118 Appendix A use EXPLICIT tags");
            }
            last = tag;
            ASN1Primitive base = tagged.getExplicitBaseObject().toASN1Primitive();
            switch (tag) {
                case MUST_INCLUDE -> mustInclude = names(base, "mustInclude");
                case PERMITTED_VALUES -> permitted = permittedValues(base);
                default -> mustExclude = names(base, "mustExclude");
            }
        }
        return new JwtClaimConstraints(mustInclude, permitted, mustExclude);
    }

    /** base64url without padding of the extension value DER (the ACME identifier value). */
    public static String toIdentifierValue(byte[] der) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(der);
    }

    /**
     * The DER bytes of an ACME identifier value: base64url without padding, canonical, and
     * decoding as JWTClaimConstraints or EnhancedJWTClaimConstraints (id-pe 33 when it holds
     * mustExclude).
     */
    public static byte[] fromIdentifierValue(String value) {
        if (value == null || !BASE64URL.matcher(value).matches()) {
            throw malformed("identifier value is not base64url without padding");
        }
        byte[] der;
        try {
            der = Base64.getUrlDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw malformed("identifier value is not valid base64url");
        }
        if (!toIdentifierValue(der).equals(value)) {
            throw malformed("identifier value is not canonical base64url");
        }
        decode(ID_PE_33, der);
        return der;
    }

    private static DERSequence names(List<String> names) {
        ASN1EncodableVector vector = new ASN1EncodableVector();
        names.forEach(name -> vector.add(new DERIA5String(name)));
        return new DERSequence(vector);
    }

    private static List<String> names(ASN1Primitive base, String where) {
        ASN1Sequence sequence = nonEmptySequence(base, where);
        List<String> names = new ArrayList<>();
        for (ASN1Encodable element : sequence) {
            names.add(ia5(element, where));
        }
        return names;
    }

    private static List<JwtClaimConstraints.ClaimValues> permittedValues(ASN1Primitive base) {
        ASN1Sequence list = nonEmptySequence(base, "permittedValues");
        List<JwtClaimConstraints.ClaimValues> entries = new ArrayList<>();
        for (ASN1Encodable element : list) {
            if (!(element instanceof ASN1Sequence entry) || entry.size() != 2) {
                throw malformed("a permittedValues entry is not SEQUENCE { claim, values }");
            }
            String claim = ia5(entry.getObjectAt(0), "permittedValues claim");
            ASN1Sequence values = nonEmptySequence(entry.getObjectAt(1).toASN1Primitive(),
                    "permittedValues for " + claim);
            List<String> strings = new ArrayList<>();
            for (ASN1Encodable value : values) {
                if (!(value instanceof ASN1UTF8String utf8)) {
                    throw malformed("a permitted value for " + claim + " is not a UTF8String");
                }
                strings.add(utf8.getString());
            }
            entries.add(new JwtClaimConstraints.ClaimValues(claim, strings));
        }
        return entries;
    }

    private static ASN1Sequence nonEmptySequence(ASN1Primitive base, String where) {
        if (!(base instanceof ASN1Sequence sequence)) {
            throw malformed(where + " is not a SEQUENCE");
        }
        if (sequence.size() == 0) {
            throw malformed(where + " is empty (SEQUENCE SIZE (1..MAX) required)");
        }
        return sequence;
    }

    private static String ia5(ASN1Encodable element, String where) {
        return StrictDer.ia5(element, where + " claim name", JwtClaimConstraintsCodec::malformed);
    }

    private static ASN1Sequence parse(byte[] der) {
        if (!(StrictDer.parse(der, "JWTClaimConstraints", JwtClaimConstraintsCodec::malformed)
                instanceof ASN1Sequence sequence)) {
            throw malformed("JWTClaimConstraints is not a SEQUENCE");
        }
        return sequence;
    }

    private static byte[] der(ASN1Primitive primitive) {
        return StrictDer.encode(primitive, "JWTClaimConstraints",
                JwtClaimConstraintsCodec::malformed);
    }

    static PolicyException malformed(String detail) {
        return new PolicyException(Violation.JWT_CLAIM_CONSTRAINTS_MALFORMED, detail);
    }
}
