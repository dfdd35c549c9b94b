package org.stica.policy.jose;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import org.stica.policy.TestPki;

/**
 * Not a test: prints ES256 verifications per second on one thread, JDK SunEC versus
 * {@link EcdsaJwsVerifier} (Bouncy Castle, cached key). Run from the policy module after
 * {@code mvn -o -q test-compile}:
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) org.stica.policy.jose.EcdsaVerifyBench}
 * (with {@code mvn dependency:build-classpath -Dmdep.outputFile=cp.txt}).
 */
public final class EcdsaVerifyBench {
    private static final int ROUNDS = 5;
    private static final long MILLIS = 2_000;

    private EcdsaVerifyBench() {
    }

    public static void main(String[] args) throws Exception {
        KeyPair keys = TestPki.p256();
        String header = "eyJhbGciOiJFUzI1NiIsIm5vbmNlIjoiYWJjIiwidXJsIjoiaHR0cDovL3gvIn0";
        String payload = "eyJzdGF0dXMiOiJ2YWxpZCJ9";
        byte[] input = (header + "." + payload).getBytes(StandardCharsets.US_ASCII);
        Signature jdkSigner = Signature.getInstance("SHA256withECDSA");
        jdkSigner.initSign(keys.getPrivate());
        jdkSigner.update(input);
        byte[] der = jdkSigner.sign();
        byte[] raw = EcdsaJwsVerifierTest.sign(keys, header + "." + payload);
        ECPublicKey key = (ECPublicKey) keys.getPublic();
        EcdsaJwsVerifier bc = new EcdsaJwsVerifier(16);
        for (int round = 1; round <= ROUNDS; round++) {
            double sunEc = rate(() -> {
                Signature jdk = Signature.getInstance("SHA256withECDSA");
                jdk.initVerify(key);
                jdk.update(input);
                return jdk.verify(der);
            });
            double bouncy = rate(() -> bc.verify(EcdsaJwsVerifier.Alg.ES256, key.getW()
                    .getAffineX(), key.getW().getAffineY(), header, payload, raw));
            System.out.printf("round %d: SunEC %.0f verifies/s, Bouncy Castle (cached key) %.0f"
                    + " verifies/s, x%.1f%n", round, sunEc, bouncy, bouncy / sunEc);
        }
    }

    private interface Verify {
        boolean run() throws Exception;
    }

    private static double rate(Verify verify) throws Exception {
        long end = System.nanoTime() + MILLIS * 1_000_000;
        long count = 0;
        while (System.nanoTime() < end) {
            if (!verify.run()) {
                throw new IllegalStateException("signature did not verify");
            }
            count++;
        }
        return count * 1000.0 / MILLIS;
    }
}
