/**
 * ACME use cases (RFC 8555 §7, RFC 9447/9448), one {@code *Service} each: authenticate a signed
 * request, nonces, accounts, orders, authorizations, tkauth-01 challenges, finalize, certificate
 * download and revocation. Services own the state transitions (through the stores' conditional
 * updates), the ownership checks and the calls to the ports; they fail with typed exceptions.
 */
package org.stica.acme.service;
