package org.stica.policy.rcd;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.regex.Pattern;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;

/**
 * The value of an {@code rcd} claim (RFC 9795 §5.1): {@code nam} (required, {@code ""} when
 * there is no name, §5.1.1), optional {@code apn} (canonical TN, §5.1.2), {@code icn} (HTTPS URL of
 * an icon, §5.1.3), and at most one of {@code jcd} (inline jCard, §5.1.4) and {@code jcl} (HTTPS URL
 * of a jCard, §5.1.5). {@code jcd} is held in its RFC 8225 §9 canonical form.
 *
 * <p>This server's policy is strict: a member outside those five, a non-HTTPS URL, or a URI value
 * in a jCard that is not HTTPS is refused ({@link Violation#RCD_MALFORMED}).
 */
public record Rcd(String nam, Optional<String> apn, Optional<URI> icn, Optional<URI> jcl,
                  Optional<String> jcd) {
    private static final Set<String> MEMBERS = Set.of("nam", "apn", "icn", "jcd", "jcl");
    private static final Pattern CANONICAL_TN = Pattern.compile("[0-9]{1,15}");

    /** Validates every member (see the type's contract). */
    public Rcd {
        if (nam == null) {
            throw malformed("rcd must hold nam (RFC 9795 §5.1.1)");
        }
        apn.ifPresent(tn -> {
            if (!CANONICAL_TN.matcher(tn).matches()) {
                throw malformed("rcd apn must be a canonical telephone number (RFC 9795 §5.1.2)");
            }
        });
        icn.ifPresent(uri -> requireHttps(uri, "icn"));
        jcl.ifPresent(uri -> requireHttps(uri, "jcl"));
        if (jcd.isPresent() && jcl.isPresent()) {
            throw malformed("rcd must not hold both jcd and jcl (RFC 9795 §5.1.4)");
        }
        jcd = jcd.map(Rcd::canonicalJCard);
        jcd.ifPresent(card -> JCardUris.of(new JsonArray(card), "/jcd"));
    }

    /** An rcd holding only a name. */
    public static Rcd ofName(String nam) {
        return new Rcd(nam, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** This rcd with an icon URL. */
    public Rcd withIcon(URI icon) {
        return new Rcd(nam, apn, Optional.of(icon), jcl, jcd);
    }

    /** Parses an rcd JSON object strictly (see the type's contract). */
    public static Rcd fromJson(JsonObject json) {
        for (String member : json.fieldNames()) {
            if (!MEMBERS.contains(member)) {
                throw malformed("rcd member \"" + member + "\" is not supported"
                        + " (nam, apn, icn, jcd, jcl)");
            }
        }
        Object jcdValue = json.getValue("jcd");
        if (jcdValue != null && !(jcdValue instanceof JsonArray)) {
            throw malformed("rcd jcd must be a jCard array (RFC 9795 §5.1.4)");
        }
        return new Rcd(string(json, "nam").orElse(null), string(json, "apn"),
                string(json, "icn").map(Rcd::uri), string(json, "jcl").map(Rcd::uri),
                Optional.ofNullable((JsonArray) jcdValue).map(JsonArray::encode));
    }

    private static Optional<String> string(JsonObject json, String member) {
        Object value = json.getValue(member);
        if (value != null && !(value instanceof String)) {
            throw malformed("rcd " + member + " must be a JSON string (RFC 9795 §5.1)");
        }
        return Optional.ofNullable((String) value);
    }

    /** The rcd as a JSON object. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("nam", nam);
        apn.ifPresent(value -> json.put("apn", value));
        icn.ifPresent(value -> json.put("icn", value.toString()));
        jcl.ifPresent(value -> json.put("jcl", value.toString()));
        jcd.ifPresent(value -> json.put("jcd", new JsonArray(value)));
        return json;
    }

    /** The RFC 8225 §9 canonical JSON of this rcd (the form pinned in permittedValues). */
    public String canonical() {
        return CanonicalJson.ofValue(toJson());
    }

    /**
     * The URIs named directly by this rcd, by JSON pointer: {@code /icn}, {@code /jcl} and each
     * URI value inside {@code jcd} (RFC 9795 §6.1.2–§6.1.4). URIs inside a fetched jcl jCard are
     * found with {@link JCardUris} once its bytes are known.
     */
    public SortedMap<String, URI> directUris() {
        SortedMap<String, URI> uris = new java.util.TreeMap<>();
        icn.ifPresent(uri -> uris.put("/icn", uri));
        jcl.ifPresent(uri -> uris.put("/jcl", uri));
        jcd.ifPresent(card -> uris.putAll(JCardUris.of(new JsonArray(card), "/jcd")));
        return uris;
    }

    static URI uri(String text) {
        try {
            return new URI(text);
        } catch (java.net.URISyntaxException e) {
            throw malformed("rcd holds an invalid URL");
        }
    }

    static void requireHttps(URI uri, String member) {
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw malformed("rcd " + member + " must be an absolute HTTPS URL (RFC 9795 §5.1)");
        }
    }

    private static String canonicalJCard(String card) {
        try {
            return CanonicalJson.of(card);
        } catch (IllegalArgumentException e) {
            throw malformed("rcd jcd is not well-formed JSON");
        }
    }

    static PolicyException malformed(String detail) {
        return new PolicyException(Violation.RCD_MALFORMED, detail);
    }
}
