/**
 * The ACME endpoint module (RFC 8555 with RFC 9447/9448 TNAuthList identifiers and tkauth-01):
 * {@link org.stica.acme.AcmeModule} is the entry point ca-server wires and mounts.
 */
package org.stica.acme;
