package org.stica.acme.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An ACME account (RFC 8555 §7.1.2). {@code jwkJson} is the public JWK, {@code thumbprint} its
 * RFC 7638 SHA-256 thumbprint (the account's unique key identity). {@code eabKid} and
 * {@code eabLabel} name the external account binding key it was created with (§7.3.4) and the
 * service provider that key was issued for.
 */
public record Account(String id, String jwkJson, String thumbprint, AccountStatus status,
                      List<String> contact, boolean termsOfServiceAgreed, Instant createdAt,
                      Optional<String> eabKid, Optional<String> eabLabel) {
    public Account {
        contact = List.copyOf(contact);
    }

    /** An account without external account binding. */
    public Account(String id, String jwkJson, String thumbprint, AccountStatus status,
                   List<String> contact, boolean termsOfServiceAgreed, Instant createdAt) {
        this(id, jwkJson, thumbprint, status, contact, termsOfServiceAgreed, createdAt,
                Optional.empty(), Optional.empty());
    }
}
