/**
 * Pure decisions about signed CRLs: {@link org.stica.crl.check.CrlSafetyCheck} (Boulder's storer
 * rules before a CRL is stored) and {@link org.stica.crl.check.CrlCoverageCheck} (does a CRL
 * already list every currently revoked certificate). No I/O.
 */
package org.stica.crl.check;
