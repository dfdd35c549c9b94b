package org.stica.acme.model;

import java.time.Instant;
import java.util.List;

/**
 * An ACME account (RFC 8555 §7.1.2). {@code jwkJson} is the public JWK, {@code thumbprint} its
 * RFC 7638 SHA-256 thumbprint (the account's unique key identity).
 */
public record Account(String id, String jwkJson, String thumbprint, AccountStatus status,
                      List<String> contact, boolean termsOfServiceAgreed, Instant createdAt) {
    public Account {
        contact = List.copyOf(contact);
    }
}
