/**
 * Pure CRL construction (RFC 5280 §5, STANDARDS.md §6.2): {@link org.stica.crl.build.CrlContent}
 * holds the fields, {@link org.stica.crl.build.CrlBuilder} validates them and produces the signed
 * DER of the indirect SHAKEN CRL with Bouncy Castle. No I/O; the signer is a parameter.
 */
package org.stica.crl.build;
