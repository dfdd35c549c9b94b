package org.stica.server.pa;

import java.util.List;

/**
 * A registered service provider (STANDARDS.md §4.1 item 5): its SPC (also the OCN in the token
 * API path), name, status, the ACME account key fingerprints it may bind tokens to (empty: any),
 * and whether it may obtain {@code ca:true} tokens for SCA certificates.
 */
public record ServiceProvider(String spc, String name, Status status,
                              List<String> accountFingerprints, boolean scaAllowed) {
    public ServiceProvider {
        accountFingerprints = List.copyOf(accountFingerprints);
    }

    /** Registry status; a revoked SP gets no tokens. */
    public enum Status { ACTIVE, REVOKED }
}
