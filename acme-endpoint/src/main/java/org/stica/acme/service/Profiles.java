package org.stica.acme.service;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.stica.acme.model.Order;
import org.stica.acme.problem.AcmeProblem;
import org.stica.acme.problem.ProblemType;

/**
 * The certificate profiles this CA offers (draft-ietf-acme-profiles, STANDARDS.md §5.4):
 * {@code shaken} (the default SHAKEN end-entity profile, validity from the CA configuration) and
 * {@code shaken-shortlived} (the same profile, valid for a configured number of days) and, when
 * the CA issues them, {@code shaken-sca} (an SCA certificate, RFC 9060 §4; STANDARDS.md §2 item
 * 7, §5.4 item 4: needs {@code atc.ca = true} and a CSR with BC cA TRUE). A newOrder naming any
 * other profile → invalidProfile.
 */
public final class Profiles {
    /** The default SHAKEN end-entity profile (ATIS-1000080). */
    public static final String SHAKEN = Order.DEFAULT_PROFILE;
    /** The short-lived SHAKEN end-entity profile. */
    public static final String SHAKEN_SHORT_LIVED = "shaken-shortlived";
    /** The SCA (delegate-issuing CA) profile, offered only when SCA issuance is on. */
    public static final String SHAKEN_SCA = "shaken-sca";

    private final Duration shortLived;
    private final boolean sca;

    /** The end-entity profiles only. */
    public Profiles(int shortLivedDays) {
        this(shortLivedDays, false);
    }

    /** The end-entity profiles, plus {@code shaken-sca} when {@code sca} is set. */
    public Profiles(int shortLivedDays, boolean sca) {
        this.shortLived = Duration.ofDays(shortLivedDays);
        this.sca = sca;
    }

    /**
     * Whether orders under {@code profile} issue a CA certificate, so the token's {@code atc.ca}
     * and the CSR's BC cA must be true (RFC 9448 §6 step 9; STANDARDS.md §3.5 item 10).
     */
    public static boolean requiresCa(String profile) {
        return SHAKEN_SCA.equals(profile);
    }

    /** The directory's {@code meta.profiles}: name → human-readable description. */
    public Map<String, String> descriptions() {
        Map<String, String> profiles = new LinkedHashMap<>();
        profiles.put(SHAKEN, "SHAKEN end-entity certificate (ATIS-1000080), default validity");
        profiles.put(SHAKEN_SHORT_LIVED, "SHAKEN end-entity certificate valid for "
                + shortLived.toDays() + " days");
        if (sca) {
            profiles.put(SHAKEN_SCA, "SHAKEN SCA certificate (RFC 9060 delegate-issuing CA,"
                    + " cA TRUE pathLen 0); needs an SPC token with atc.ca true");
        }
        return profiles;
    }

    /** The profile a newOrder asks for: absent → the default; unknown → invalidProfile. */
    public String select(Object requested) {
        if (requested == null) {
            return SHAKEN;
        }
        if (!(requested instanceof String name)) {
            throw AcmeProblem.malformed("'profile' must be a string");
        }
        if (!descriptions().containsKey(name)) {
            throw new AcmeProblem(ProblemType.INVALID_PROFILE,
                    "profile '" + name + "' is not offered (see meta.profiles)");
        }
        return name;
    }

    /**
     * The notAfter to request at finalize: the order's own, capped for short-lived certificates
     * at {@code now + shortLivedDays}; an order under a profile no longer offered →
     * invalidProfile.
     */
    public Optional<Instant> notAfter(Order order, Instant now) {
        String profile = select(order.profile());
        if (!SHAKEN_SHORT_LIVED.equals(profile)) {
            return order.notAfter();
        }
        Instant cap = now.plus(shortLived);
        return Optional.of(order.notAfter().filter(t -> t.isBefore(cap)).orElse(cap));
    }
}
