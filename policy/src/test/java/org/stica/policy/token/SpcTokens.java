package org.stica.policy.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test fixture: SPC tokens shaped like STANDARDS.md §7.3, minted with nimbus. */
final class SpcTokens {
    static final URI X5U =
            URI.create("https://pa.test/download/v1/certificate/certificateId_1.crt");

    private SpcTokens() {
    }

    /** Claims of a valid token: exp, jti, atc {tktype, tkvalue, ca, fingerprint}. */
    static Map<String, Object> claims(long exp, String tkvalue, String fingerprint, boolean ca) {
        Map<String, Object> atc = new LinkedHashMap<>();
        atc.put("tktype", "TNAuthList");
        atc.put("tkvalue", tkvalue);
        atc.put("ca", ca);
        atc.put("fingerprint", fingerprint);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("exp", exp);
        claims.put("jti", "519175cb-6998-4074-9aea-0da5175a1622");
        claims.put("atc", atc);
        return claims;
    }

    /** An ES256 compact JWS over {@code claims} signed with {@code key}. */
    static String mint(Map<String, Object> claims, PrivateKey key) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(JOSEObjectType.JWT).x509CertURL(X5U).build();
        JWSObject jws = new JWSObject(header, new Payload(claims));
        try {
            jws.sign(new ECDSASigner((ECPrivateKey) key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jws.serialize();
    }

    /** A compact JWS from raw JSON strings and a raw signature segment (not signed). */
    static String raw(String headerJson, String payloadJson, String signatureSegment) {
        return b64(headerJson) + "." + b64(payloadJson) + "." + signatureSegment;
    }

    static String json(Map<String, Object> object) {
        return JSONObjectUtils.toJSONString(object);
    }

    static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** 64 zero bytes, base64url: the right length for ES256. */
    static String fakeSignature() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[64]);
    }
}
