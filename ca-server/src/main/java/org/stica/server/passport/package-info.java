/**
 * The carrier's check of a PASSporT before going live (RCD.md §9; issue 19): signature, path to
 * our root, TNAuthList coverage of {@code orig}, then the JWTClaimConstraints and {@code rcdi}
 * rules of {@link org.stica.policy.rcd.RcdPassportCheck}, with resource fetchers for HTTPS and
 * for local files. The {@code verify-passport} command prints the verdicts.
 */
package org.stica.server.passport;
