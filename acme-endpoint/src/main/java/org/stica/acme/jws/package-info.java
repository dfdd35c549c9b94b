/**
 * JWS request authentication (RFC 8555 §6.2–§6.5, RFC 7515) as a chain of small named checks, in
 * Boulder's order: {@link org.stica.acme.jws.ContentTypeCheck} → {@link
 * org.stica.acme.jws.FlattenedJwsCheck} → {@link org.stica.acme.jws.ProtectedHeaderCheck} → {@link
 * org.stica.acme.jws.AlgorithmCheck} → {@link org.stica.acme.jws.KeyModeCheck} → account key →
 * {@link org.stica.acme.jws.SignatureCheck} → nonce redeemed → {@link org.stica.acme.jws.UrlCheck}.
 * Checks are pure and fail with {@link org.stica.acme.problem.AcmeProblem}; the I/O steps (account
 * lookup, nonce redemption) live in {@link org.stica.acme.service.SignedRequestService}.
 */
package org.stica.acme.jws;
