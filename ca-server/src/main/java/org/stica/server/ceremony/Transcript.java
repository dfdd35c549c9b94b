package org.stica.server.ceremony;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;

/**
 * What one ceremony did, as JSON (issue 16): {@code format}, {@code ceremony} (root,
 * intermediate, crl-signer, arl, pa-root, pa-signer, pa-crl-signer), a random {@code id} (the
 * audit subject; imported once),
 * {@code at}, the tokens used, each step in order, and the results (certificates with subject,
 * serial, SHA-256 fingerprint, key identifiers and key alias; the ARL with number, validity and
 * entries). Printed to the operator as each step happens, then signed ({@link TranscriptSigner}).
 */
public final class Transcript {
    public static final String FORMAT = "stica-ceremony-transcript/1";
    /** The ceremonies a transcript may name. */
    public static final Set<String> CEREMONIES = Set.of("root", "intermediate", "crl-signer",
            "arl", "pa-root", "pa-signer", "pa-crl-signer");

    private final JsonObject json;
    private final JsonArray steps = new JsonArray();
    private final Consumer<String> out;

    /** @param out where each step is printed as it happens (the operator's console) */
    public Transcript(String ceremony, Clock clock, Consumer<String> out) {
        if (!CEREMONIES.contains(ceremony)) {
            throw new IllegalArgumentException("unknown ceremony " + ceremony);
        }
        this.out = out;
        this.json = new JsonObject().put("format", FORMAT).put("ceremony", ceremony)
                .put("id", UUID.randomUUID().toString())
                .put("at", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString())
                .put("steps", steps);
        out.accept("ceremony " + ceremony + " " + json.getString("id"));
    }

    public String ceremony() {
        return json.getString("ceremony");
    }

    public String id() {
        return json.getString("id");
    }

    /** Records and prints one step. */
    public Transcript step(String what) {
        steps.add(what);
        out.accept("  - " + what);
        return this;
    }

    /** Records a result under {@code key} and prints it. */
    public Transcript put(String key, Object value) {
        json.put(key, value);
        out.accept("  " + key + ": " + (value instanceof JsonObject o ? o.encodePrettily()
                .replace("\n", "\n  ") : value));
        return this;
    }

    /** The transcript as JSON (a copy). */
    public JsonObject json() {
        return json.copy();
    }

    /** The exact text that is signed. */
    public String text() {
        return json.encodePrettily();
    }

    /** A certificate's identity: subject, issuer, serial, validity, SHA-256, key ids, alias. */
    public static JsonObject certificate(X509Certificate certificate, String alias) {
        try {
            JcaX509CertificateHolder holder = new JcaX509CertificateHolder(certificate);
            JsonObject json = new JsonObject().put("keyAlias", alias)
                    .put("subject", certificate.getSubjectX500Principal().getName())
                    .put("issuer", certificate.getIssuerX500Principal().getName())
                    .put("serial", certificate.getSerialNumber().toString(16))
                    .put("notBefore", certificate.getNotBefore().toInstant().toString())
                    .put("notAfter", certificate.getNotAfter().toInstant().toString())
                    .put("sha256", sha256(certificate.getEncoded()))
                    .put("publicKeySha256", sha256(certificate.getPublicKey().getEncoded()));
            Extension ski = holder.getExtension(Extension.subjectKeyIdentifier);
            if (ski != null) {
                json.put("subjectKeyId", HexFormat.of().formatHex(SubjectKeyIdentifier
                        .getInstance(ski.getParsedValue()).getKeyIdentifier()));
            }
            Extension aki = holder.getExtension(Extension.authorityKeyIdentifier);
            if (aki != null) {
                json.put("authorityKeyId", HexFormat.of().formatHex(AuthorityKeyIdentifier
                        .getInstance(aki.getParsedValue()).getKeyIdentifier()));
            }
            return json;
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode a certificate", e);
        }
    }

    /** Lowercase hex SHA-256 of {@code data}. */
    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
