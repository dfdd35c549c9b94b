package org.stica.policy.tnauth;

import java.util.Objects;
import java.util.regex.Pattern;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;

/**
 * Which TNAuthList identifiers a SHAKEN end-entity order may carry (STANDARDS.md §1.4 items 4-5;
 * ATIS-1000080 v005 §6.4.1.1): exactly one entry, an SPC, matching a configurable pattern. Ranges,
 * single numbers, several entries and SPCs outside the pattern are refused with
 * {@link Violation#TNAUTHLIST_REJECTED}. Structural errors are the codec's job
 * ({@link Violation#TNAUTHLIST_MALFORMED}).
 */
public final class SpcIdentifierPolicy {
    /** The v005 SPC shape {@code ^[A-Z0-9]+$} (zlint {@code e_atis_tn_auth_list_spc_format}). */
    public static final Pattern ATIS_V005_SPC = Pattern.compile("[A-Z0-9]+");
    /** US OCNs: four upper-case alphanumerics (STANDARDS.md §1.4 item 4, the US default). */
    public static final Pattern US_OCN = Pattern.compile("[A-Z0-9]{4}");

    private final Pattern spcPattern;

    /** @param spcPattern the whole SPC must match it ({@link Pattern#matcher}{@code .matches()}) */
    public SpcIdentifierPolicy(Pattern spcPattern) {
        this.spcPattern = Objects.requireNonNull(spcPattern, "spcPattern");
    }

    /** The policy with the US default pattern {@link #US_OCN}. */
    public static SpcIdentifierPolicy usDefault() {
        return new SpcIdentifierPolicy(US_OCN);
    }

    /** Decodes strict DER and returns the single SPC, or throws {@link PolicyException}. */
    public String requireSingleSpc(byte[] der) {
        return requireSingleSpc(TnAuthListCodec.decode(der));
    }

    /** Returns the single SPC of {@code list}, or throws {@link PolicyException}. */
    public String requireSingleSpc(TnAuthList list) {
        if (list.entries().size() != 1) {
            throw rejected("a SHAKEN TNAuthList must hold exactly one entry, found "
                    + list.entries().size());
        }
        String spc = list.singleSpc().orElseThrow(() -> rejected(
                "a SHAKEN TNAuthList must hold an SPC, not a telephone number or range"));
        if (!spcPattern.matcher(spc).matches()) {
            throw rejected("SPC does not match the required format " + spcPattern.pattern());
        }
        return spc;
    }

    private static PolicyException rejected(String detail) {
        return new PolicyException(Violation.TNAUTHLIST_REJECTED, detail);
    }
}
