/**
 * Key ceremonies (issue 16; ARCHITECTURE.md §6): the root key lives in an offline token and
 * signs only here, in recorded ceremonies ({@code root}, {@code intermediate},
 * {@code crl-signer}, {@code arl}; in STI-PA role {@code pa-root}, {@code pa-signer},
 * {@code pa-crl-signer} with the PA root), each driven by a small {@link
 * org.stica.server.ceremony.CeremonyConfig} and leaving a transcript signed by the root (the PA
 * root for the PA ceremonies)
 * ({@link org.stica.server.ceremony.TranscriptSigner}) that the server verifies
 * ({@link org.stica.server.ceremony.TranscriptVerifier}) and appends to its audit log
 * ({@link org.stica.server.ceremony.CeremonyImportHandler}).
 */
package org.stica.server.ceremony;
