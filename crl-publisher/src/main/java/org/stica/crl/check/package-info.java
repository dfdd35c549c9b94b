/**
 * Decisions about signed CRLs: {@link org.stica.crl.check.CrlFileReader} reads a CRL file once
 * (signature, fields, entries one at a time; the only file I/O here),
 * {@link org.stica.crl.check.CrlSafetyCheck} (Boulder's storer rules before a CRL is stored),
 * {@link org.stica.crl.check.CrlRetentionCheck} (no still-valid entry dropped, keyed by issuer and
 * serial) and {@link org.stica.crl.check.CrlCoverageCheck} (does a CRL already list every
 * currently revoked certificate), with {@link org.stica.crl.check.EntryKeys} as their compact set.
 */
package org.stica.crl.check;
