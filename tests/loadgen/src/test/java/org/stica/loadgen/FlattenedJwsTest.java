package org.stica.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import org.junit.jupiter.api.Test;

/**
 * The hand-built flattened JWS of {@link AccountKey} (RFC 8555 §6.2) checked by an independent
 * verifier: nimbus-jose-jwt parses it and verifies the ES256 signature with the public JWK; any
 * change of header, payload or signature must make verification fail.
 */
class FlattenedJwsTest {
    private static final String URL = "https://ca.example/acme/new-order";

    @Test
    void jwkRequest_verifiesWithThePublicJwk_andCarriesAcmeHeader() throws Exception {
        KeyPair pair = AccountKey.p256();
        AccountKey key = AccountKey.of(pair);
        JsonObject payload = new JsonObject().put("termsOfServiceAgreed", true);

        JsonObject body = key.sign(URL, "nonce-1_A", FlattenedJws.payload(payload)).toJsonObject();
        JWSObject jws = parse(body);

        assertTrue(jws.verify(new ECDSAVerifier((ECPublicKey) pair.getPublic())));
        assertEquals(JWSAlgorithm.ES256, jws.getHeader().getAlgorithm());
        assertEquals("nonce-1_A", jws.getHeader().getCustomParam("nonce"));
        assertEquals(URL, jws.getHeader().getCustomParam("url"));
        assertNull(jws.getHeader().getKeyID());
        ECKey jwk = (ECKey) jws.getHeader().getJWK();
        assertEquals(((ECPublicKey) pair.getPublic()).getW(), jwk.toECPublicKey().getW());
        assertTrue(jws.verify(new ECDSAVerifier(jwk)), "verifies with the JWK it carries");
        assertEquals(payload, new JsonObject(jws.getPayload().toString()));
        assertEquals(64, jws.getSignature().decode().length, "raw R||S");
    }

    @Test
    void kidRequest_postAsGet_verifies_andNamesTheAccount() throws Exception {
        KeyPair pair = AccountKey.p256();
        AccountKey key = AccountKey.of(pair);
        key.account("https://ca.example/acme/acct/1\"x\\y");

        JsonObject body = key.sign(URL, "n2", FlattenedJws.EMPTY_PAYLOAD).toJsonObject();
        JWSObject jws = parse(body);

        assertTrue(jws.verify(new ECDSAVerifier((ECPublicKey) pair.getPublic())));
        assertEquals("https://ca.example/acme/acct/1\"x\\y", jws.getHeader().getKeyID(),
                "JSON string escaping of the header values");
        assertNull(jws.getHeader().getJWK());
        assertEquals("", body.getString("payload"));
    }

    @Test
    void tampering_failsVerification() throws Exception {
        KeyPair pair = AccountKey.p256();
        AccountKey key = AccountKey.of(pair);
        ECDSAVerifier verifier = new ECDSAVerifier((ECPublicKey) pair.getPublic());
        JsonObject body = key.sign(URL, "n3", FlattenedJws.payload(new JsonObject().put("csr", "AAAA")))
                .toJsonObject();
        assertTrue(parse(body).verify(verifier));

        JsonObject otherPayload = body.copy().put("payload",
                FlattenedJws.payload(new JsonObject().put("csr", "AAAB")));
        assertFalse(parse(otherPayload).verify(verifier), "payload changed");

        String header = new String(Base64URL.from(body.getString("protected")).decode(), StandardCharsets.UTF_8);
        JsonObject otherHeader = body.copy().put("protected",
                Base64URL.encode(header.replace("\"n3\"", "\"n4\"")).toString());
        assertFalse(parse(otherHeader).verify(verifier), "nonce changed");

        byte[] sig = Base64URL.from(body.getString("signature")).decode();
        sig[40] ^= 1;
        assertFalse(parse(body.copy().put("signature", Base64URL.encode(sig).toString())).verify(verifier),
                "signature changed");

        KeyPair other = AccountKey.p256();
        assertFalse(parse(body).verify(new ECDSAVerifier((ECPublicKey) other.getPublic())), "other key");
    }

    @Test
    void freshNonces_giveDistinctSignatures() throws Exception {
        AccountKey key = AccountKey.of(AccountKey.p256());
        String a = key.sign(URL, "n5", FlattenedJws.EMPTY_PAYLOAD).toJsonObject().getString("signature");
        String b = key.sign(URL, "n6", FlattenedJws.EMPTY_PAYLOAD).toJsonObject().getString("signature");
        assertNotEquals(a, b);
    }

    private static JWSObject parse(JsonObject flattened) throws Exception {
        return new JWSObject(new Base64URL(flattened.getString("protected")),
                new Base64URL(flattened.getString("payload")),
                new Base64URL(flattened.getString("signature")));
    }
}
