package org.stica.acme.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;

/** TNAuthList DER built with Bouncy Castle (RFC 8226 §9, EXPLICIT tags), independent of policy. */
public final class TnAuthLists {
    private TnAuthLists() {
    }

    /** SPCs as {@code [0] EXPLICIT IA5String} entries; SPC 1234 → 30 08 a0 06 16 04 31 32 33 34. */
    public static byte[] spcs(String... spcs) {
        ASN1Encodable[] entries = new ASN1Encodable[spcs.length];
        for (int i = 0; i < spcs.length; i++) {
            entries[i] = new DERTaggedObject(true, 0, new DERIA5String(spcs[i]));
        }
        try {
            return new DERSequence(entries).getEncoded("DER");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** base64url without padding (RFC 9448 §3). */
    public static String text(byte[] der) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(der);
    }
}
