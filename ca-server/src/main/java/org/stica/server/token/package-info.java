/**
 * SPC token validation for tkauth-01 (RFC 9448 §6): the
 * {@link org.stica.server.token.TokenValidationService} pipeline, the bounded, cached
 * {@link org.stica.server.token.X5uFetcher} and the STI-PA trust anchor file.
 */
package org.stica.server.token;
