package org.stica.acme.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.stica.acme.model.NonceKey;

/**
 * Stateless replay nonces without a database: RFC 8555 §6.5 (a nonce the server did not issue,
 * or no longer accepts, is refused) and §6.5.1 (the value is base64url).
 */
class NonceCodecTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Instant EXPIRES = NOW.plus(Duration.ofMinutes(30));

    private final NonceKey key = NonceKey.generate(1, RANDOM);
    private final NonceCodec codec = new NonceCodec(List.of(key), RANDOM);

    @Test
    void issue_thenOpen_givesItsRandomPartAndExpiry() {
        String nonce = codec.issue(EXPIRES);
        // RFC 8555 §6.5.1: base64url without padding
        assertTrue(nonce.matches("[A-Za-z0-9_-]{56}"), nonce);
        NonceCodec.OpenedNonce opened = codec.open(nonce, NOW).orElseThrow();
        assertEquals(EXPIRES, opened.expires());
        assertEquals(16, opened.random().length);
    }

    @Test
    void issue_manyTimes_givesDistinctNoncesAndRandomParts() {
        Set<String> nonces = IntStream.range(0, 1000).mapToObj(i -> codec.issue(EXPIRES))
                .collect(Collectors.toSet());
        assertEquals(1000, nonces.size());
        assertEquals(1000, nonces.stream()
                .map(n -> Base64.getEncoder().encodeToString(codec.open(n, NOW).orElseThrow()
                        .random())).distinct().count());
    }

    @Test
    void issue_subSecondExpiry_roundsUp() {
        String nonce = codec.issue(EXPIRES.plusMillis(1));
        assertEquals(EXPIRES.plusSeconds(1), codec.open(nonce, NOW).orElseThrow().expires());
    }

    @Test
    void open_anyTamperedByte_isRefused() {
        byte[] nonce = Base64.getUrlDecoder().decode(codec.issue(EXPIRES));
        for (int i = 0; i < nonce.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] tampered = nonce.clone();
                tampered[i] ^= (byte) (1 << bit);
                String text = Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);
                // RFC 8555 §6.5: a value the server did not issue is a badNonce
                assertTrue(codec.open(text, NOW).isEmpty(), "byte " + i + " bit " + bit);
            }
        }
    }

    @Test
    void open_nonceOfAnotherKey_isRefused() {
        NonceCodec other = new NonceCodec(List.of(NonceKey.generate(1, RANDOM)), RANDOM);
        assertTrue(codec.open(other.issue(EXPIRES), NOW).isEmpty());
        assertTrue(other.open(codec.issue(EXPIRES), NOW).isEmpty());
    }

    @Test
    void open_unknownKeyId_isRefused() {
        NonceCodec withKey2 = new NonceCodec(List.of(NonceKey.generate(2, RANDOM)), RANDOM);
        assertTrue(codec.open(withKey2.issue(EXPIRES), NOW).isEmpty());
    }

    @Test
    void open_afterRotation_acceptsThePreviousKeyAndIssuesWithTheNewest() {
        NonceKey next = NonceKey.generate(2, RANDOM);
        NonceCodec rotated = new NonceCodec(List.of(next, key), RANDOM);
        assertTrue(rotated.open(codec.issue(EXPIRES), NOW).isPresent());
        String fresh = rotated.issue(EXPIRES);
        assertEquals(2, Base64.getUrlDecoder().decode(fresh)[1]);
        assertTrue(codec.open(fresh, NOW).isEmpty());
        assertTrue(new NonceCodec(List.of(next), RANDOM).open(fresh, NOW).isPresent());
    }

    @Test
    void open_atOrAfterExpiry_isRefused() {
        String nonce = codec.issue(EXPIRES);
        assertTrue(codec.open(nonce, EXPIRES.minusNanos(1)).isPresent());
        // RFC 8555 §6.5: a nonce the server no longer accepts is a badNonce
        assertTrue(codec.open(nonce, EXPIRES).isEmpty());
        assertTrue(codec.open(nonce, EXPIRES.plus(Duration.ofDays(1))).isEmpty());
    }

    @Test
    void open_badBase64OrLength_isRefused() {
        String nonce = codec.issue(EXPIRES);
        assertTrue(codec.open(nonce, NOW).isPresent());
        for (String bad : List.of("", "AAAAAAAAAAAAAAAAAAAAAA", nonce.substring(1), nonce + "A",
                nonce.substring(0, 55) + "=", nonce.substring(0, 54) + "==",
                nonce.substring(0, 55) + "+", nonce.substring(0, 55) + "/",
                nonce.substring(0, 55) + " ", " " + nonce.substring(1),
                nonce.substring(0, 55) + "\u00e9", nonce + "==")) {
            assertTrue(codec.open(bad, NOW).isEmpty(), bad);
        }
        assertTrue(codec.open(null, NOW).isEmpty());
    }

    @Test
    void open_otherVersion_isRefusedEvenWithAValidMac() throws Exception {
        byte[] nonce = Base64.getUrlDecoder().decode(codec.issue(EXPIRES));
        nonce[0] = 2;
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(key.secret(), "HmacSHA256"));
        mac.update(nonce, 0, 26);
        System.arraycopy(mac.doFinal(), 0, nonce, 26, 16);
        assertTrue(codec.open(Base64.getUrlEncoder().withoutPadding().encodeToString(nonce),
                NOW).isEmpty());
        nonce[0] = 1;
        mac.update(nonce, 0, 26);
        System.arraycopy(mac.doFinal(), 0, nonce, 26, 16);
        assertTrue(codec.open(Base64.getUrlEncoder().withoutPadding().encodeToString(nonce),
                NOW).isPresent(), "the test's own MAC is right");
    }

    @Test
    void nonceKey_toString_hidesTheSecret() {
        assertEquals("NonceKey[id=1]", key.toString());
        assertFalse(key.toString().contains(Base64.getEncoder().encodeToString(key.secret())));
        assertNotEquals(key, NonceKey.generate(1, RANDOM));
    }
}
