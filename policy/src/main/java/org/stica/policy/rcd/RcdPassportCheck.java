package org.stica.policy.rcd;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.stica.policy.PolicyException;

/**
 * A verifier's check of a PASSporT payload against the JWTClaimConstraints of its signing
 * certificate and of its {@code rcd} against its {@code rcdi} (RCD.md §9 items 3–6), returning
 * one {@link RuleVerdict} per rule. Signature, certificate path and TNAuthList coverage of
 * {@code orig} (§9 item 1) are the caller's. Rules, in order:
 * <ol>
 * <li>{@code constraints present}: exactly one of id-pe 27/33 (a non-authoritative signer's RCD is
 * bound only by it, RFC 9795 §4 Table 1, §6.3; never both, RFC 9118 §6), decoding strictly;</li>
 * <li>{@code constraints usable}: a baseline claim in mustExclude makes the extension count as
 * absent (RFC 9118 §3 item 3), which fails here;</li>
 * <li>{@code mustInclude <claim>}, {@code permittedValues <claim>} (a present claim equals one
 * listed value: a JSON string by its text, any other value by its RFC 8225 §9 canonical JSON;
 * absent passes, RFC 9118 §4), {@code mustExclude <claim>} (RFC 8226 §8, RFC 9118 §3);</li>
 * <li>{@code rcd construction}: the rcd follows RFC 9795 §5.1 and rcdi appears only with it
 * (§6);</li>
 * <li>{@code rcdi <pointer>}: each digest recomputed (RFC 9795 §6.1, §8.2); a resource that could
 * not be fetched fails as unverified;</li>
 * <li>{@code rcdi coverage}: every rcd member and URI has an rcdi entry (RFC 9795 §6.1 requires
 * the URIs; every member is this CA's policy, RCD.md §8 item 3, closing the gap of an unpinned
 * extra member, RCD.md §7).</li>
 * </ol>
 */
public final class RcdPassportCheck {
    private static final String PRESENT = "constraints present";

    private RcdPassportCheck() {
    }

    /** Fetches what the payload's rcd references through {@code fetcher}, then checks. */
    public static Future<RcdVerification> check(JsonObject payload, X509CertificateHolder cert,
                                                RcdResourceFetcher fetcher) {
        Optional<Rcd> rcd = parseRcd(payload);
        if (rcd.isEmpty()) {
            return Future.succeededFuture(check(payload, cert, (RcdResources) null));
        }
        return RcdResources.fetch(rcd.get(), fetcher)
                .map(resources -> check(payload, cert, resources));
    }

    /**
     * Checks with the payload rcd's resources in hand ({@code null} when the payload has no valid
     * rcd).
     */
    public static RcdVerification check(JsonObject payload, X509CertificateHolder cert,
                                        RcdResources resources) {
        List<RuleVerdict> verdicts = new ArrayList<>();
        Optional<JwtClaimConstraints> constraints = constraints(cert, verdicts);
        if (constraints.isEmpty()) {
            return new RcdVerification(verdicts);
        }
        checkConstraints(payload, constraints.get(), verdicts);
        checkRcd(payload, resources, verdicts);
        return new RcdVerification(verdicts);
    }

    private static Optional<JwtClaimConstraints> constraints(X509CertificateHolder cert,
                                                             List<RuleVerdict> verdicts) {
        List<Extension> present = RcdCertificateLint.present(cert);
        if (present.isEmpty()) {
            verdicts.add(RuleVerdict.fail(PRESENT, "the certificate carries no"
                    + " JWTClaimConstraints (id-pe 27/33): the signer's rcd is not bound to vetted"
                    + " content (RFC 9795 §4, §6.3)"));
            return Optional.empty();
        }
        if (present.size() > 1) {
            verdicts.add(RuleVerdict.fail(PRESENT, "the certificate carries both id-pe 27 and"
                    + " id-pe 33 (RFC 9118 §6)"));
            return Optional.empty();
        }
        JwtClaimConstraints constraints;
        try {
            constraints = RcdCertificateLint.constraints(cert).orElseThrow();
        } catch (PolicyException e) {
            verdicts.add(RuleVerdict.fail(PRESENT, e.detail()));
            return Optional.empty();
        }
        verdicts.add(RuleVerdict.pass(PRESENT, present.get(0).getExtnId().getId()));
        List<String> baseline = constraints.mustExclude().stream()
                .filter(JwtClaimConstraintsLint.BASELINE_CLAIMS::contains).toList();
        if (!baseline.isEmpty()) {
            verdicts.add(RuleVerdict.fail("constraints usable", "mustExclude lists " + baseline
                    + ": the extension counts as absent (RFC 9118 §3 item 3)"));
            return Optional.empty();
        }
        return Optional.of(constraints);
    }

    private static void checkConstraints(JsonObject payload, JwtClaimConstraints constraints,
                                         List<RuleVerdict> verdicts) {
        for (String claim : constraints.mustInclude()) {
            verdicts.add(payload.containsKey(claim)
                    ? RuleVerdict.pass("mustInclude " + claim, "present (RFC 8226 §8)")
                    : RuleVerdict.fail("mustInclude " + claim, "missing (RFC 8226 §8)"));
        }
        for (JwtClaimConstraints.ClaimValues entry : constraints.permittedValues()) {
            verdicts.add(permitted(payload, entry));
        }
        for (String claim : constraints.mustExclude()) {
            verdicts.add(payload.containsKey(claim)
                    ? RuleVerdict.fail("mustExclude " + claim, "present (RFC 9118 §3 item 3)")
                    : RuleVerdict.pass("mustExclude " + claim, "absent (RFC 9118 §3 item 3)"));
        }
    }

    private static RuleVerdict permitted(JsonObject payload, JwtClaimConstraints.ClaimValues entry) {
        String rule = "permittedValues " + entry.claim();
        if (!payload.containsKey(entry.claim())) {
            return RuleVerdict.pass(rule, "absent (RFC 9118 §4)");
        }
        Object value = payload.getValue(entry.claim());
        String text = value instanceof String string ? string : CanonicalJson.ofValue(value);
        return entry.values().contains(text)
                ? RuleVerdict.pass(rule, "matches a permitted value (RFC 9118 §3 item 2)")
                : RuleVerdict.fail(rule, "matches no permitted value (RFC 9118 §3 item 2)");
    }

    private static void checkRcd(JsonObject payload, RcdResources resources,
                                 List<RuleVerdict> verdicts) {
        boolean hasRcd = payload.containsKey("rcd");
        boolean hasRcdi = payload.containsKey("rcdi");
        if (!hasRcd) {
            if (hasRcdi) {
                verdicts.add(RuleVerdict.fail("rcd construction",
                        "rcdi without rcd (RFC 9795 §6)"));
            }
            return;
        }
        Rcd rcd;
        Rcdi rcdi = null;
        try {
            rcd = Rcd.fromJson(payload.getJsonObject("rcd"));
            if (hasRcdi) {
                rcdi = Rcdi.fromJson(payload.getJsonObject("rcdi"));
            }
        } catch (PolicyException | ClassCastException e) {
            verdicts.add(RuleVerdict.fail("rcd construction", e instanceof PolicyException p
                    ? p.detail() : "rcd and rcdi must be JSON objects (RFC 9795 §5.1, §6)"));
            return;
        }
        verdicts.add(RuleVerdict.pass("rcd construction", "RFC 9795 §5.1"));
        if (rcdi == null) {
            return;
        }
        RcdResources fetched = resources != null ? resources : RcdResources.of(rcd, Map.of());
        for (Map.Entry<String, String> entry : rcdi.digests().entrySet()) {
            verdicts.add(digest(rcd, fetched, entry.getKey(), entry.getValue()));
        }
        Set<String> missing = new java.util.TreeSet<>(RcdiCalculator.pinnedPointers(rcd, fetched));
        missing.removeAll(rcdi.digests().keySet());
        verdicts.add(missing.isEmpty()
                ? RuleVerdict.pass("rcdi coverage", "every rcd member and URI is pinned")
                : RuleVerdict.fail("rcdi coverage", "no rcdi entry for " + missing
                        + " (RFC 9795 §6.1; every member pinned, RCD.md §8 item 3)"));
    }

    private static RuleVerdict digest(Rcd rcd, RcdResources resources, String pointer,
                                      String expected) {
        String rule = "rcdi " + pointer;
        Optional<byte[]> content = RcdiCalculator.content(rcd, resources, pointer);
        if (content.isEmpty()) {
            String why = Optional.ofNullable(resources.uris().get(pointer))
                    .map(uri -> "could not fetch " + uri + ": " + resources.failures().get(uri)
                            + "; content unverified (RFC 9795 §8.2)")
                    .orElse("the pointer names nothing in rcd (RFC 9795 §6.1)");
            return RuleVerdict.fail(rule, why);
        }
        String actual = RcdiAlgorithm.of(expected).orElseThrow().digest(content.get());
        return actual.equals(expected)
                ? RuleVerdict.pass(rule, "digest matches (RFC 9795 §6.1)")
                : RuleVerdict.fail(rule, "digest differs: computed " + actual
                        + " (RFC 9795 §8.2)");
    }

    private static Optional<Rcd> parseRcd(JsonObject payload) {
        try {
            return Optional.ofNullable(payload.getJsonObject("rcd")).map(Rcd::fromJson);
        } catch (PolicyException | ClassCastException e) {
            return Optional.empty();
        }
    }

}
