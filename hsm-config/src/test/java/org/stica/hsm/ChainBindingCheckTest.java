package org.stica.hsm;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** {@link ChainBindingCheck}: a chain binds only to the key its first certificate carries. */
class ChainBindingCheckTest {

    private static KeyPair keyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate certificate(KeyPair pair) throws Exception {
        return TestCertificates.build(new JcaContentSignerBuilder("SHA256withECDSA")
                .build(pair.getPrivate()), "CN=t", "CN=t", pair.getPublic());
    }

    @Test
    void requireBindable_matchingKey_accepted() throws Exception {
        KeyPair pair = keyPair();
        X509Certificate certificate = certificate(pair);
        assertDoesNotThrow(() -> ChainBindingCheck.requireBindable("k", pair.getPublic(),
                List.of(certificate)));
    }

    @Test
    void requireBindable_otherKey_failsChainMismatch() throws Exception {
        KeyPair pair = keyPair();
        X509Certificate other = certificate(keyPair());
        assertEquals(KeyVaultException.Kind.CHAIN_MISMATCH, assertThrows(KeyVaultException.class,
                () -> ChainBindingCheck.requireBindable("k", pair.getPublic(), List.of(other)))
                .kind());
    }

    @Test
    void requireBindable_nullEntry_failsChainMismatch() throws Exception {
        KeyPair pair = keyPair();
        List<X509Certificate> chain = Arrays.asList(certificate(pair), null);
        assertEquals(KeyVaultException.Kind.CHAIN_MISMATCH, assertThrows(KeyVaultException.class,
                () -> ChainBindingCheck.requireBindable("k", pair.getPublic(), chain)).kind());
    }
}
