/**
 * The STI-PA role (STANDARDS.md §4.1-§4.3), enabled by {@code paRole.enabled}: the service
 * provider registry with per-SP API keys, the SPC token API signed by the HSM key
 * {@value org.stica.server.pa.PaKeys#SIGNER}, the PA's own CRL and certificates, and the signed
 * list of approved STI-CA roots with a strictly increasing {@code sequence}.
 */
package org.stica.server.pa;
