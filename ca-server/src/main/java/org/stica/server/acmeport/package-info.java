/**
 * ca-server's implementations of the ACME endpoint's ports that need ca-server's own stores
 * (ARI certificate facts, RFC 9773).
 */
package org.stica.server.acmeport;
