package org.stica.policy.token;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;

/**
 * Parses an SPC token (STANDARDS.md §3.5 steps 1-2, 6, 8): exactly three segments, JSON header
 * and payload, {@code alg} exactly ES256, {@code x5u} present, claims {@code exp}, {@code jti},
 * {@code atc} with {@code tktype}, {@code tkvalue}, {@code fingerprint}. Fails with a
 * {@link org.stica.policy.PolicyException}.
 *
 * <p>The rules are checked here before nimbus sees the token, so nimbus's leniency (padding,
 * unknown algorithms, {@code crit}) cannot widen them: a missing claim is
 * {@link Violation#TOKEN_MISSING_CLAIM}, an {@code alg} other than ES256 (RFC 8725 via RFC 9447
 * §7, RFC 9448 §10) is {@link Violation#TOKEN_ALG_NOT_ALLOWED}, anything else
 * {@link Violation#TOKEN_MALFORMED}. Parsing trusts nothing; {@link SpcTokenVerifier} decides.
 */
public final class SpcTokenParser {
    /** The only JWS algorithm an SPC token may use (RFC 9448 §5.4, STANDARDS.md §3.5 step 2). */
    public static final String REQUIRED_ALG = "ES256";

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]*");
    private static final int MAX_TOKEN_CHARS = 16 * 1024;

    public SpcToken parse(String compact) {
        if (compact == null || compact.isEmpty()) {
            throw malformed("token is empty");
        }
        if (compact.length() > MAX_TOKEN_CHARS) {
            throw malformed("token is longer than " + MAX_TOKEN_CHARS + " characters");
        }
        String[] segments = compact.split("\\.", -1);
        if (segments.length != 3) {
            throw malformed("token must be a compact JWS with exactly 3 segments, found "
                    + segments.length);
        }
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw malformed("token segment is not unpadded base64url");
            }
        }
        Map<String, Object> header = jsonObject(segments[0], "protected header");
        checkHeader(header);
        URI x5u = x5u(header);
        if (segments[2].isEmpty()) {
            throw malformed("token has no signature");
        }
        Map<String, Object> claims = jsonObject(segments[1], "payload");
        JWSObject jws = nimbusParse(compact);
        return claimsToToken(jws, x5u, claims);
    }

    private static void checkHeader(Map<String, Object> header) {
        Object alg = header.get("alg");
        if (alg == null) {
            throw malformed("protected header has no alg");
        }
        if (!(alg instanceof String algName)) {
            throw malformed("protected header alg is not a string");
        }
        if (!REQUIRED_ALG.equals(algName)) {
            throw new PolicyException(Violation.TOKEN_ALG_NOT_ALLOWED,
                    "alg must be ES256, not " + printable(algName));
        }
        if (header.containsKey("crit")) {
            throw malformed("protected header crit is not supported");
        }
        if (header.containsKey("b64")) {
            throw malformed("protected header b64 is not supported");
        }
    }

    private static URI x5u(Map<String, Object> header) {
        Object value = header.get("x5u");
        if (value == null) {
            throw missing("protected header x5u");
        }
        if (!(value instanceof String text)) {
            throw malformed("x5u is not a string");
        }
        try {
            URI uri = new URI(text);
            if (!uri.isAbsolute() || uri.isOpaque()) {
                throw malformed("x5u is not an absolute URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw malformed("x5u is not a valid URI");
        }
    }

    private static SpcToken claimsToToken(JWSObject jws, URI x5u, Map<String, Object> claims) {
        Instant expires = numericDate(claims, "exp")
                .orElseThrow(() -> missing("exp"));
        Optional<Instant> notBefore = numericDate(claims, "nbf");
        String jti = requiredString(claims, "jti", "jti");
        if (jti.isEmpty()) {
            throw malformed("jti must be a non-empty string");
        }
        Optional<String> issuer = optionalString(claims, "iss", "iss");
        Object atcValue = claims.get("atc");
        if (atcValue == null) {
            throw missing("atc");
        }
        if (!(atcValue instanceof Map<?, ?> rawAtc)) {
            throw malformed("atc is not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> atc = (Map<String, Object>) rawAtc;
        String tktype = requiredString(atc, "tktype", "atc.tktype");
        String tkvalue = requiredString(atc, "tkvalue", "atc.tkvalue");
        String fingerprint = requiredString(atc, "fingerprint", "atc.fingerprint");
        boolean ca = caFlag(atc);
        return new SpcToken(jws, x5u, jti, expires, notBefore, issuer, tktype, tkvalue, ca,
                fingerprint);
    }

    private static Optional<Instant> numericDate(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Long seconds) {
            return Optional.of(Instant.ofEpochSecond(seconds));
        }
        if (value instanceof Double seconds && Double.isFinite(seconds)
                && Math.abs(seconds) < 1e15) {
            return Optional.of(Instant.ofEpochMilli(Math.round(seconds * 1000)));
        }
        throw malformed(name + " is not a NumericDate (JSON number)");
    }

    private static String requiredString(Map<String, Object> claims, String key, String name) {
        return optionalString(claims, key, name).orElseThrow(() -> missing(name));
    }

    private static Optional<String> optionalString(Map<String, Object> claims, String key,
                                                   String name) {
        Object value = claims.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw malformed(name + " is not a string");
        }
        return Optional.of(text);
    }

    private static boolean caFlag(Map<String, Object> atc) {
        Object value = atc.get("ca");
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean flag)) {
            throw malformed("atc.ca is not a boolean");
        }
        return flag;
    }

    private static Map<String, Object> jsonObject(String segment, String what) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(segment);
        } catch (IllegalArgumentException e) {
            throw malformed(what + " is not base64url");
        }
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw malformed(what + " is not UTF-8");
        }
        try {
            return JSONObjectUtils.parse(json);
        } catch (ParseException e) {
            throw malformed(what + " is not a JSON object (or repeats a member)");
        }
    }

    private static JWSObject nimbusParse(String compact) {
        try {
            return JWSObject.parse(compact);
        } catch (ParseException e) {
            throw malformed("token is not a valid JWS");
        }
    }

    private static String printable(String text) {
        String cut = text.length() > 20 ? text.substring(0, 20) + "..." : text;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private static PolicyException malformed(String detail) {
        return new PolicyException(Violation.TOKEN_MALFORMED, detail);
    }

    private static PolicyException missing(String claim) {
        return new PolicyException(Violation.TOKEN_MISSING_CLAIM, "token lacks " + claim);
    }
}
