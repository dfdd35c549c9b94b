package org.stica.policy.trust;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;

/**
 * Verifies the STI-PA's approved STI-CA list (STANDARDS.md §4.3): compact JWS, {@code alg}
 * exactly ES256, {@code x5u} present; the first x5u certificate signs it and chains to a trusted
 * STI-PA root (roots offered in x5u are ignored); payload {@code version}, {@code sequence},
 * {@code exp}, {@code trustList} (PEM strings or base64 DER). Refuses a {@code sequence} not
 * greater than the last accepted one ({@link Violation#CA_LIST_ROLLBACK}, §4.3 item 4) and an
 * {@code exp} in the past ({@link Violation#CA_LIST_EXPIRED}); anything else is
 * {@link Violation#CA_LIST_INVALID}. No I/O: the caller fetches the list and the x5u chain.
 */
public final class CaListCheck {

    /** The {@code x5u} URL of a CA-list JWS, so the caller can fetch the signer chain. */
    public static URI x5u(String compact) {
        JWSObject jws = parse(compact);
        if (jws.getHeader().getX509CertURL() == null) {
            throw invalid("the CA list JWS header has no x5u");
        }
        return jws.getHeader().getX509CertURL();
    }

    /** The verified list or a {@link PolicyException}. */
    public CaList check(String compact, List<X509Certificate> x5uChain,
                        List<X509Certificate> roots, OptionalLong lastSequence, Instant now) {
        JWSObject jws = parse(compact);
        if (!JWSAlgorithm.ES256.equals(jws.getHeader().getAlgorithm())) {
            throw invalid("the CA list alg must be ES256");
        }
        if (x5uChain.isEmpty()) {
            throw invalid("the CA list x5u holds no certificate");
        }
        if (roots.isEmpty()) {
            throw invalid("no STI-PA trust anchors are configured");
        }
        X509Certificate signer = x5uChain.get(0);
        PaSignerPath.validate(signer, x5uChain.subList(1, x5uChain.size()), roots, now,
                "CA list signer").ifPresent(reason -> {
                    throw invalid(reason);
                });
        verifySignature(jws, signer);
        Map<String, Object> payload = jws.getPayload().toJSONObject();
        if (payload == null) {
            throw invalid("the CA list payload is not a JSON object");
        }
        long sequence = number(payload, "sequence");
        Instant expires = Instant.ofEpochSecond(number(payload, "exp"));
        if (lastSequence.isPresent() && sequence <= lastSequence.getAsLong()) {
            throw new PolicyException(Violation.CA_LIST_ROLLBACK, "the CA list sequence "
                    + sequence + " is not greater than the last accepted "
                    + lastSequence.getAsLong());
        }
        if (!expires.isAfter(now)) {
            throw new PolicyException(Violation.CA_LIST_EXPIRED,
                    "the CA list expired at " + expires);
        }
        Object version = payload.get("version");
        return new CaList(version == null ? "" : String.valueOf(version), sequence, expires,
                trustList(payload.get("trustList")), compact);
    }

    private static JWSObject parse(String compact) {
        if (compact == null || compact.length() > 1024 * 1024) {
            throw invalid("the CA list is missing or too large");
        }
        try {
            return JWSObject.parse(compact.trim());
        } catch (ParseException e) {
            throw invalid("the CA list is not a compact JWS");
        }
    }

    private static void verifySignature(JWSObject jws, X509Certificate signer) {
        if (!(signer.getPublicKey() instanceof ECPublicKey key)) {
            throw invalid("the CA list signer key is not an EC key");
        }
        try {
            if (!jws.verify(new ECDSAVerifier(key))) {
                throw invalid("the CA list signature does not verify");
            }
        } catch (JOSEException | IllegalStateException e) {
            throw invalid("the CA list signature cannot be verified");
        }
    }

    private static long number(Map<String, Object> payload, String name) {
        if (!(payload.get(name) instanceof Number value)) {
            throw invalid("the CA list payload lacks a numeric " + name);
        }
        return value.longValue();
    }

    private static List<X509Certificate> trustList(Object value) {
        if (!(value instanceof List<?> entries) || entries.isEmpty()) {
            throw invalid("the CA list trustList must be a non-empty array");
        }
        List<X509Certificate> roots = new ArrayList<>();
        for (Object entry : entries) {
            roots.add(certificate(entry));
        }
        return roots;
    }

    private static X509Certificate certificate(Object entry) {
        if (!(entry instanceof String text)) {
            throw invalid("trustList entries must be strings");
        }
        byte[] bytes = text.contains("-----BEGIN")
                ? text.getBytes(StandardCharsets.US_ASCII)
                : decodeBase64(text);
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(bytes));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw invalid("a trustList entry is not a certificate");
        }
    }

    private static byte[] decodeBase64(String text) {
        try {
            return Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw invalid("a trustList entry is neither PEM nor base64 DER");
        }
    }

    /** Whether {@code list} may still be used at {@code now}. */
    public static boolean current(Optional<CaList> list, Instant now) {
        return list.map(l -> l.expires().isAfter(now)).orElse(false);
    }

    private static PolicyException invalid(String detail) {
        return new PolicyException(Violation.CA_LIST_INVALID, detail);
    }
}
