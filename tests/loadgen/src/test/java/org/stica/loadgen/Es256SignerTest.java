package org.stica.loadgen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;

/**
 * {@link Es256Signer} against the JDK's own ECDSA (SunEC, {@code SHA256withECDSAinP1363Format}:
 * raw R||S as RFC 7518 §3.4 requires), with a key the JDK generated: another implementation,
 * another provider, so a wrong hash, encoding or key use cannot verify.
 */
class Es256SignerTest {

    @Test
    void signature_verifiesWithSunEc_andOnlyForItsInput() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", "SunEC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = g.generateKeyPair();
        Es256Signer signer = new Es256Signer(((ECPrivateKey) pair.getPrivate()).getS());
        byte[] input = "eyJhbGciOiJFUzI1NiJ9.e30-and-unused-tail".getBytes(StandardCharsets.US_ASCII);
        int length = "eyJhbGciOiJFUzI1NiJ9.e30".length();

        byte[] signature = signer.sign(input, length);

        assertEquals(64, signature.length);
        byte[] signed = java.util.Arrays.copyOf(input, length);
        assertTrue(verify(pair.getPublic(), signed, signature), "only input[0, length) is signed");
        signed[3] ^= 1;
        assertFalse(verify(pair.getPublic(), signed, signature), "other input");
    }

    @Test
    void rfc6979_sameInputSameSignature_otherInputOther() throws Exception {
        Es256Signer signer = new Es256Signer(((ECPrivateKey) AccountKey.p256().getPrivate()).getS());
        byte[] a = "a.b".getBytes(StandardCharsets.US_ASCII);
        byte[] c = "a.c".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(signer.sign(a, a.length), signer.sign(a, a.length));
        assertFalse(java.util.Arrays.equals(signer.sign(a, a.length), signer.sign(c, c.length)));
    }

    private static boolean verify(PublicKey key, byte[] input, byte[] signature) throws Exception {
        Signature v = Signature.getInstance("SHA256withECDSAinP1363Format", "SunEC");
        v.initVerify(key);
        v.update(input);
        return v.verify(signature);
    }
}
