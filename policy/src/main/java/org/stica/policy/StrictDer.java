package org.stica.policy;

import java.io.IOException;
import java.util.Arrays;
import java.util.function.Function;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;

/**
 * Strict DER reading shared by the certificate-extension codecs (TNAuthList, JWTClaimConstraints):
 * exactly one ASN.1 object, no trailing bytes, DER (re-encoding gives the same bytes), and IA5
 * strings without 8-bit characters. Each refusal is built by the caller's {@code error} factory so
 * it carries the caller's {@link Violation}; details start with the caller's {@code what}.
 */
public final class StrictDer {
    private StrictDer() {
    }

    /** The one DER-encoded object in {@code der}. */
    public static ASN1Primitive parse(byte[] der, String what,
                                      Function<String, PolicyException> error) {
        if (der == null || der.length == 0) {
            throw error.apply(what + " is empty (no DER bytes)");
        }
        ASN1Primitive parsed;
        try (ASN1InputStream in = new ASN1InputStream(der)) {
            parsed = in.readObject();
            if (parsed == null) {
                throw error.apply(what + " holds no ASN.1 object");
            }
            if (in.readObject() != null) {
                throw error.apply(what + " has trailing bytes after the SEQUENCE");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof PolicyException policy) {
                throw policy;
            }
            throw error.apply(what + " is not valid ASN.1 (or has trailing bytes)");
        }
        if (!Arrays.equals(encode(parsed, what, error), der)) {
            throw error.apply(what + " is not DER encoded (BER or non-minimal encoding)");
        }
        return parsed;
    }

    /** The DER bytes of {@code primitive}. */
    public static byte[] encode(ASN1Primitive primitive, String what,
                                Function<String, PolicyException> error) {
        try {
            return primitive.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw error.apply(what + " cannot be DER encoded");
        }
    }

    /** The text of an IA5String holding only 7-bit characters. */
    public static String ia5(ASN1Encodable element, String where,
                             Function<String, PolicyException> error) {
        if (!(element instanceof ASN1IA5String ia5)) {
            throw error.apply(where + " is not an IA5String");
        }
        for (byte b : ia5.getOctets()) {
            if ((b & 0x80) != 0) {
                throw error.apply(where + " holds a non-IA5 (8-bit) character");
            }
        }
        return ia5.getString();
    }
}
