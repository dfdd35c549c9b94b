/**
 * JOSE signature verification on the hot path (RFC 7515, RFC 7518 §3.4): ECDSA over P-256/P-384
 * with Bouncy Castle's lightweight API and public keys decoded once and cached
 * ({@link org.stica.policy.jose.EcdsaJwsVerifier}). Used for ACME request JWS and SPC tokens.
 */
package org.stica.policy.jose;
