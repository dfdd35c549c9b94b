package org.stica.policy;

/**
 * Every reason a STIR/SHAKEN policy check can refuse something, each with the category that
 * decides the protocol error (for ACME: the problem type) it maps to. See STANDARDS.md §3.5.12.
 */
public enum Violation {
    // SPC token (RFC 9448 §6, STANDARDS.md §3.5)
    TOKEN_MALFORMED(Category.MALFORMED),
    TOKEN_MISSING_CLAIM(Category.MALFORMED),
    TOKEN_ALG_NOT_ALLOWED(Category.UNAUTHORIZED),
    TOKEN_X5U_NOT_ALLOWED(Category.UNAUTHORIZED),
    TOKEN_X5U_FETCH_FAILED(Category.CONNECTION),
    TOKEN_SIGNER_UNTRUSTED(Category.UNAUTHORIZED),
    TOKEN_SIGNER_REVOKED(Category.UNAUTHORIZED),
    TOKEN_SIGNATURE_INVALID(Category.UNAUTHORIZED),
    TOKEN_EXPIRED(Category.UNAUTHORIZED),
    TOKEN_NOT_YET_VALID(Category.UNAUTHORIZED),
    TOKEN_WRONG_TKTYPE(Category.MALFORMED),
    TOKEN_TKVALUE_MISMATCH(Category.INCORRECT_RESPONSE),
    TOKEN_FINGERPRINT_MALFORMED(Category.MALFORMED),
    TOKEN_FINGERPRINT_ALG_UNSUPPORTED(Category.UNAUTHORIZED),
    TOKEN_FINGERPRINT_MISMATCH(Category.UNAUTHORIZED),
    TOKEN_CA_FLAG_MISMATCH(Category.UNAUTHORIZED),
    TOKEN_JTI_REPLAYED(Category.UNAUTHORIZED),
    TRUST_SNAPSHOT_STALE(Category.UNAUTHORIZED),
    // STI-PA trust material (STANDARDS.md §4.2, §4.3)
    PA_CRL_INVALID(Category.MALFORMED),
    CA_LIST_INVALID(Category.UNAUTHORIZED),
    CA_LIST_ROLLBACK(Category.UNAUTHORIZED),
    CA_LIST_EXPIRED(Category.UNAUTHORIZED),
    // Delegate certificates (RFC 9060 §4, STANDARDS.md §2)
    DELEGATE_NOT_ENCOMPASSED(Category.REJECTED_IDENTIFIER),
    DELEGATE_PARENT_INVALID(Category.UNAUTHORIZED),
    DELEGATE_MALFORMED(Category.MALFORMED),
    DELEGATE_LINT_FAILED(Category.MALFORMED),
    // TNAuthList identifiers (RFC 8226, RFC 9448 §3, STANDARDS.md §1.4, §3.1)
    TNAUTHLIST_MALFORMED(Category.MALFORMED),
    TNAUTHLIST_REJECTED(Category.REJECTED_IDENTIFIER),
    /** No active subscriber holds the SPC, or the account's subscriber does not (issue 15). */
    SUBSCRIBER_NOT_ENTITLED(Category.REJECTED_IDENTIFIER),
    // Rich Call Data and JWTClaimConstraints (RFC 9795, RFC 8226 §8, RFC 9118; RCD.md)
    RCD_MALFORMED(Category.MALFORMED),
    RCD_RESOURCE_UNAVAILABLE(Category.CONNECTION),
    JWT_CLAIM_CONSTRAINTS_MALFORMED(Category.MALFORMED),
    JWT_CLAIM_CONSTRAINTS_REJECTED(Category.REJECTED_IDENTIFIER),
    // CSR (RFC 8555 §7.4, STANDARDS.md §3.6)
    CSR_MALFORMED(Category.BAD_CSR),
    CSR_SIGNATURE_INVALID(Category.BAD_CSR),
    CSR_BAD_PUBLIC_KEY(Category.BAD_PUBLIC_KEY),
    CSR_TNAUTHLIST_MISMATCH(Category.BAD_CSR),
    CSR_CA_FLAG_MISMATCH(Category.BAD_CSR),
    /** The CSR's id-pe 27/33 request differs from the order's JWTClaimConstraints (RCD.md §8). */
    CSR_CLAIM_CONSTRAINTS_MISMATCH(Category.BAD_CSR),
    // Certificate profile lint (ATIS-1000080 §6.4.1)
    PROFILE_LINT_FAILED(Category.INTERNAL);

    /** What kind of refusal this is; protocol layers map each category to one error type. */
    public enum Category {
        MALFORMED, UNAUTHORIZED, INCORRECT_RESPONSE, CONNECTION, REJECTED_IDENTIFIER,
        BAD_CSR, BAD_PUBLIC_KEY, INTERNAL
    }

    private final Category category;

    Violation(Category category) {
        this.category = category;
    }

    public Category category() {
        return category;
    }
}
