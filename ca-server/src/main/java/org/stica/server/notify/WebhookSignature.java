package org.stica.server.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-STICA-Signature} header: {@code sha256=} and the lowercase hex HMAC-SHA256
 * (RFC 2104) of {@code <X-STICA-Timestamp> "." <body bytes>} keyed with the webhook secret's
 * UTF-8 bytes. Binding the timestamp lets a receiver refuse old replays. Pure and cheap (fine on
 * an event loop).
 */
public final class WebhookSignature {
    /** The header carrying the signature. */
    public static final String HEADER = "X-STICA-Signature";

    private WebhookSignature() {
    }

    /** {@code sha256=<hex>} for {@code timestamp} (unix seconds) and {@code body}. */
    public static String header(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(
                    body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
