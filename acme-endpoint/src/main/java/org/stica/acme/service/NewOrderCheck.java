package org.stica.acme.service;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.stica.acme.problem.AcmeProblem;
import org.stica.acme.problem.ProblemType;
import org.stica.policy.rcd.ConstraintsIdentifier;
import org.stica.policy.tnauth.TnAuthList;
import org.stica.policy.tnauth.TnAuthListCodec;

/**
 * Checks a newOrder payload (RFC 8555 §7.4, RFC 9448 §3, STANDARDS.md §3.1): exactly one
 * {@code TNAuthList} identifier, plus at most one {@code JWTClaimConstraints} identifier (an RCD
 * order, RCD.md §8 item 1); any other type is unsupportedIdentifier, another count
 * rejectedIdentifier. The TNAuthList value decodes (any of the four base64 forms, trap 2) to a
 * TNAuthList holding exactly one SPC that matches the configured pattern (else
 * rejectedIdentifier; TNs, ranges and several SPCs are for delegate profiles). The
 * JWTClaimConstraints value is the canonical unpadded base64url of a strict-DER constraint that
 * passes the constraint lint ({@link ConstraintsIdentifier#fromIdentifierValue}).
 * {@code notBefore}/{@code notAfter}, when present, are RFC 3339 with notBefore &lt; notAfter
 * (else malformed).
 */
public final class NewOrderCheck {
    /** The identifier type of RFC 9448 §3. */
    public static final String TNAUTHLIST = "TNAuthList";
    private static final String ONE_EACH = "an order must hold exactly one TNAuthList identifier"
            + " and at most one JWTClaimConstraints identifier";

    private final Pattern spcPattern;

    public NewOrderCheck(Pattern spcPattern) {
        this.spcPattern = spcPattern;
    }

    public OrderRequest check(JsonObject payload) {
        JsonArray identifiers = identifiers(payload);
        String valueText = null;
        Optional<String> claimsValue = Optional.empty();
        for (Object entry : identifiers) {
            JsonObject identifier = (JsonObject) entry;
            Object type = identifier.getValue("type");
            Object value = identifier.getValue("value");
            if (!(type instanceof String typeText) || !(value instanceof String text)) {
                throw AcmeProblem.malformed("identifier must have string 'type' and 'value'");
            }
            if (TNAUTHLIST.equals(typeText) && valueText == null) {
                valueText = text;
            } else if (ConstraintsIdentifier.TYPE.equals(typeText) && claimsValue.isEmpty()) {
                claimsValue = Optional.of(text);
            } else if (TNAUTHLIST.equals(typeText) || ConstraintsIdentifier.TYPE.equals(typeText)) {
                throw new AcmeProblem(ProblemType.REJECTED_IDENTIFIER, ONE_EACH);
            } else {
                throw new AcmeProblem(ProblemType.UNSUPPORTED_IDENTIFIER, "identifier type '"
                        + typeText + "' is not supported (use TNAuthList, and at most one"
                        + " JWTClaimConstraints)");
            }
        }
        if (valueText == null) {
            throw new AcmeProblem(ProblemType.REJECTED_IDENTIFIER, ONE_EACH);
        }
        Optional<ConstraintsIdentifier> claims =
                claimsValue.map(ConstraintsIdentifier::fromIdentifierValue);
        byte[] der = TnAuthListCodec.derFromText(valueText);
        TnAuthList list = TnAuthListCodec.decode(der);
        String spc = list.singleSpc().orElseThrow(() -> new AcmeProblem(
                ProblemType.REJECTED_IDENTIFIER, "the TNAuthList must hold exactly one SPC"));
        if (!spcPattern.matcher(spc).matches()) {
            throw new AcmeProblem(ProblemType.REJECTED_IDENTIFIER,
                    "SPC '" + spc + "' is not acceptable to this CA");
        }
        Optional<Instant> notBefore = time(payload, "notBefore");
        Optional<Instant> notAfter = time(payload, "notAfter");
        if (notBefore.isPresent() && notAfter.isPresent()
                && !notBefore.get().isBefore(notAfter.get())) {
            throw AcmeProblem.malformed("notBefore must be before notAfter");
        }
        return new OrderRequest(valueText, der, spc, notBefore, notAfter, claims);
    }

    private static JsonArray identifiers(JsonObject payload) {
        Object identifiers = payload.getValue("identifiers");
        if (!(identifiers instanceof JsonArray array) || array.isEmpty()) {
            throw AcmeProblem.malformed("newOrder needs a non-empty 'identifiers' array");
        }
        for (Object entry : array) {
            if (!(entry instanceof JsonObject)) {
                throw AcmeProblem.malformed("each identifier must be a JSON object");
            }
        }
        if (array.size() > 2) {
            throw new AcmeProblem(ProblemType.REJECTED_IDENTIFIER, ONE_EACH);
        }
        return array;
    }

    private static Optional<Instant> time(JsonObject payload, String name) {
        if (!payload.containsKey(name)) {
            return Optional.empty();
        }
        if (!(payload.getValue(name) instanceof String text)) {
            throw AcmeProblem.malformed("'" + name + "' must be an RFC 3339 date-time string");
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            throw AcmeProblem.malformed("'" + name + "' is not an RFC 3339 date-time");
        }
    }
}
