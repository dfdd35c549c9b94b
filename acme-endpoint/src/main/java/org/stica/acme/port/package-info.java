/** Ports the ACME endpoint needs from the CA: issuance and SPC token validation. */
package org.stica.acme.port;
