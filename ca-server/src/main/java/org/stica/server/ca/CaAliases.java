package org.stica.server.ca;

/** KeyVault aliases of the CA keys made by {@code init-ca}. */
public final class CaAliases {
    public static final String ROOT = "root";
    public static final String INTERMEDIATE = "intermediate-1";
    public static final String CRL_SIGNER = "crl-signer";

    private CaAliases() {
    }
}
