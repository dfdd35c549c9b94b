/** Test fixtures for the CRL publisher: a software PKI, an in-memory key vault, a revocation list.
 *
 */
package org.stica.crl.testing;
