/**
 * Rich Call Data (RFC 9795) bound by a certificate: the vetted {@code rcd} claim and its
 * {@code rcdi} integrity digests ({@link org.stica.policy.rcd.RcdiCalculator}, RFC 9795 §6.1 over
 * RFC 8225 §9 canonical JSON), the JWTClaimConstraints / EnhancedJWTClaimConstraints certificate
 * extensions (RFC 8226 §8, RFC 9118; {@link org.stica.policy.rcd.JwtClaimConstraintsCodec}), the
 * constraint built from an approved RCD set ({@link org.stica.policy.rcd.RcdConstraintsBuilder}),
 * their lint ({@link org.stica.policy.rcd.JwtClaimConstraintsLint},
 * {@link org.stica.policy.rcd.RcdCertificateLint}) and a verifier's per-rule check of a PASSporT
 * against them ({@link org.stica.policy.rcd.RcdPassportCheck}). No I/O of its own: referenced
 * resources come through an injected {@link org.stica.policy.rcd.RcdResourceFetcher}.
 */
package org.stica.policy.rcd;
