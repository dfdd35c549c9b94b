/** Ports the CRL publisher needs from the CA: the revoked certificates to list. */
package org.stica.crl.port;
