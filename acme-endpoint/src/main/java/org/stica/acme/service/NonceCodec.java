package org.stica.acme.service;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.stica.acme.model.NonceKey;

/**
 * Stateless replay nonces (RFC 8555 §6.5): issuing one needs no storage because the nonce
 * carries its own expiry and a MAC over it, so any instance holding the shared key can check it.
 *
 * <pre>
 * nonce = base64url( version(1) ‖ key id(1) ‖ expiry epoch seconds(8, big-endian)
 *                    ‖ random(16) ‖ HMAC-SHA256(key, preceding 26 bytes)[0..16) )
 * </pre>
 *
 * 42 bytes, 56 base64url characters without padding (§6.5.1: the header value is base64url);
 * 56 characters carry exactly 336 bits, so every nonce has one spelling. {@link #open} is strict
 * (exact length and alphabet, known version and key id, MAC compared in constant time, not
 * expired) and says only whether the nonce is acceptable, never why not, so every failure gets
 * the same badNonce. Single use is not decided here: the caller records the random part of an
 * opened nonce once (see {@link NonceService}). Pure: no I/O, time passed in; thread-safe.
 */
public final class NonceCodec {
    static final byte VERSION = 1;
    static final int RANDOM_LENGTH = 16;
    static final int MAC_LENGTH = 16;
    private static final int SIGNED_LENGTH = 1 + 1 + Long.BYTES + RANDOM_LENGTH;
    static final int LENGTH = SIGNED_LENGTH + MAC_LENGTH;
    static final int TEXT_LENGTH = LENGTH / 3 * 4;
    private static final String HMAC = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final NonceKey current;
    private final Map<Integer, SecretKeySpec> accepted;
    /**
     * Per thread, a Mac per key id, initialised once and reset by each {@code doFinal}: a Mac is
     * not thread-safe, and a new one per request paid the provider lookup and the key set-up
     * every time (issue 18).
     */
    private final ThreadLocal<Mac[]> macs = ThreadLocal.withInitial(() -> new Mac[256]);
    private final SecureRandom random;

    /**
     * A codec that issues with the key of the highest id and accepts nonces of every given key.
     */
    public NonceCodec(Collection<NonceKey> keys, SecureRandom random) {
        this.current = keys.stream().max(Comparator.comparingInt(NonceKey::id))
                .orElseThrow(() -> new IllegalArgumentException("no nonce key"));
        this.accepted = keys.stream().collect(Collectors.toUnmodifiableMap(NonceKey::id,
                key -> new SecretKeySpec(key.secret(), HMAC), (a, b) -> {
                    throw new IllegalArgumentException("two nonce keys with one id");
                }));
        this.random = random;
    }

    /** A fresh nonce that {@link #open} accepts while {@code now < expires} (whole seconds). */
    public String issue(Instant expires) {
        long seconds = expires.getEpochSecond() + (expires.getNano() > 0 ? 1 : 0);
        byte[] nonce = new byte[LENGTH];
        ByteBuffer.wrap(nonce).put(VERSION).put((byte) current.id()).putLong(seconds);
        byte[] randomPart = new byte[RANDOM_LENGTH];
        random.nextBytes(randomPart);
        System.arraycopy(randomPart, 0, nonce, 2 + Long.BYTES, RANDOM_LENGTH);
        System.arraycopy(mac(current.id(), nonce), 0, nonce, SIGNED_LENGTH, MAC_LENGTH);
        return ENCODER.encodeToString(nonce);
    }

    /** The nonce's random part and expiry if it is well formed, authentic and unexpired. */
    public Optional<OpenedNonce> open(String text, Instant now) {
        return decode(text).flatMap(this::authentic).filter(nonce -> now.isBefore(nonce.expires()));
    }

    private static Optional<byte[]> decode(String text) {
        if (text == null || text.length() != TEXT_LENGTH) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean base64url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!base64url) {
                return Optional.empty();
            }
        }
        return Optional.of(Base64.getUrlDecoder().decode(text));
    }

    private Optional<OpenedNonce> authentic(byte[] nonce) {
        ByteBuffer fields = ByteBuffer.wrap(nonce);
        if (fields.get() != VERSION) {
            return Optional.empty();
        }
        int keyId = Byte.toUnsignedInt(fields.get());
        if (!accepted.containsKey(keyId)) {
            return Optional.empty();
        }
        byte[] expected = Arrays.copyOf(mac(keyId, nonce), MAC_LENGTH);
        byte[] actual = Arrays.copyOfRange(nonce, SIGNED_LENGTH, LENGTH);
        if (!MessageDigest.isEqual(expected, actual)) {
            return Optional.empty();
        }
        long expires = fields.getLong();
        byte[] randomPart = Arrays.copyOfRange(nonce, 2 + Long.BYTES, SIGNED_LENGTH);
        return Optional.of(new OpenedNonce(randomPart, Instant.ofEpochSecond(expires)));
    }

    /** HMAC-SHA256 with key {@code keyId} over the signed prefix of {@code nonce}. */
    private byte[] mac(int keyId, byte[] nonce) {
        Mac[] mine = macs.get();
        Mac mac = mine[keyId];
        if (mac == null) {
            try {
                mac = Mac.getInstance(HMAC);
                mac.init(accepted.get(keyId));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e);
            }
            mine[keyId] = mac;
        }
        mac.update(nonce, 0, SIGNED_LENGTH);
        return mac.doFinal();
    }

    /**
     * A nonce that passed every check but single use.
     *
     * @param random  its 16 random bytes, the value recorded as used
     * @param expires when it stops being acceptable (and its used record may be purged)
     */
    public record OpenedNonce(byte[] random, Instant expires) {
        @Override
        public byte[] random() {
            return random.clone();
        }
    }
}
