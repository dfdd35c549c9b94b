/** Unit tests of the pure JWS checks (RFC 8555 §6.2, RFC 7515). */
package org.stica.acme.jws;
