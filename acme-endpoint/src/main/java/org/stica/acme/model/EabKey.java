package org.stica.acme.model;

import java.time.Instant;
import java.util.Optional;

/**
 * An external account binding key (RFC 8555 §7.3.4): its {@code kid}, the HMAC secret, the
 * service provider it was issued for ({@code label}, e.g. its SPC) and when it was used (single
 * use). The secret never appears in logs or in {@link #toString()}.
 */
public record EabKey(String kid, byte[] hmacKey, String label, Instant createdAt,
                     Optional<Instant> usedAt) {
    public EabKey {
        hmacKey = hmacKey.clone();
    }

    @Override
    public byte[] hmacKey() {
        return hmacKey.clone();
    }

    @Override
    public String toString() {
        return "EabKey[kid=" + kid + ", label=" + label + ", usedAt=" + usedAt + "]";
    }
}
