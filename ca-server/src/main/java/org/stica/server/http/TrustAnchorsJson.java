package org.stica.server.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.stica.server.ca.CaInitializer;

/**
 * The trust anchors (our root certificates) as JSON, prepared once: {@code {"trustAnchors":
 * [{"subject", "sha256" (of the DER, lowercase hex), "notBefore", "notAfter", "pem"}]}}, with a
 * strong ETag and Last-Modified = the newest anchor's notBefore.
 */
public record TrustAnchorsJson(byte[] body, String etag, Instant lastModified) {

    public static TrustAnchorsJson of(List<X509Certificate> roots) {
        JsonArray anchors = new JsonArray();
        Instant newest = Instant.EPOCH;
        for (X509Certificate root : roots) {
            anchors.add(new JsonObject()
                    .put("subject", root.getSubjectX500Principal().getName())
                    .put("sha256", sha256(der(root)))
                    .put("notBefore", root.getNotBefore().toInstant().toString())
                    .put("notAfter", root.getNotAfter().toInstant().toString())
                    .put("pem", CaInitializer.toPem(List.of(root))));
            Instant from = root.getNotBefore().toInstant();
            newest = from.isAfter(newest) ? from : newest;
        }
        byte[] body = new JsonObject().put("trustAnchors", anchors).encodePrettily()
                .getBytes(StandardCharsets.UTF_8);
        return new TrustAnchorsJson(body, "\"" + sha256(body) + "\"", newest);
    }

    private static byte[] der(X509Certificate cert) {
        try {
            return cert.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a loaded certificate always encodes", e);
        }
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
