package org.stica.acme.problem;

/**
 * The ACME error types this server emits (RFC 8555 §6.7; alreadyReplaced from RFC 9773 §7.4,
 * invalidProfile from draft-ietf-acme-profiles), each with its URN and default HTTP
 * status. {@link #NOT_IMPLEMENTED} is the one non-ACME entry: {@code about:blank} with 501, used
 * for features that are explicitly not offered yet (never a fake success).
 */
public enum ProblemType {
    ACCOUNT_DOES_NOT_EXIST("accountDoesNotExist", 400),
    ALREADY_REPLACED("alreadyReplaced", 409),
    ALREADY_REVOKED("alreadyRevoked", 400),
    BAD_CSR("badCSR", 400),
    BAD_NONCE("badNonce", 400),
    BAD_PUBLIC_KEY("badPublicKey", 400),
    BAD_REVOCATION_REASON("badRevocationReason", 400),
    BAD_SIGNATURE_ALGORITHM("badSignatureAlgorithm", 400),
    CONNECTION("connection", 400),
    EXTERNAL_ACCOUNT_REQUIRED("externalAccountRequired", 400),
    INCORRECT_RESPONSE("incorrectResponse", 403),
    INVALID_CONTACT("invalidContact", 400),
    INVALID_PROFILE("invalidProfile", 400),
    MALFORMED("malformed", 400),
    ORDER_NOT_READY("orderNotReady", 403),
    RATE_LIMITED("rateLimited", 429),
    REJECTED_IDENTIFIER("rejectedIdentifier", 400),
    SERVER_INTERNAL("serverInternal", 500),
    UNAUTHORIZED("unauthorized", 403),
    UNSUPPORTED_CONTACT("unsupportedContact", 400),
    UNSUPPORTED_IDENTIFIER("unsupportedIdentifier", 400),
    NOT_IMPLEMENTED(null, 501);

    private static final String ACME_PREFIX = "urn:ietf:params:acme:error:";

    private final String name;
    private final int status;

    ProblemType(String name, int status) {
        this.name = name;
        this.status = status;
    }

    /** The {@code type}: {@code urn:ietf:params:acme:error:<name>} or {@code about:blank}. */
    public String uri() {
        return name == null ? "about:blank" : ACME_PREFIX + name;
    }

    /** The HTTP status used unless the failure names another one. */
    public int defaultStatus() {
        return status;
    }
}
