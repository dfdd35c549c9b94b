package org.stica.server.ca;

import java.security.cert.X509Certificate;

/** One row of {@code ca_key}: a CA key alias in the KeyVault, its role and its certificate. */
public record CaKeyRecord(String alias, CaKeyRole role, X509Certificate certificate) {
}
