package org.stica.server.admin;

import java.util.Locale;
import java.util.Optional;

/**
 * Admin API roles, each including the ones below it: {@code auditor} reads (certificates, CRLs,
 * keys, configuration, the audit trail), {@code operator} also revokes and manages service
 * providers, subscribers and trust, {@code admin} also manages API keys, CA keys and approvals.
 */
public enum AdminRole {
    AUDITOR, OPERATOR, ADMIN;

    /** Whether a key with this role may call a route that requires {@code required}. */
    public boolean includes(AdminRole required) {
        return compareTo(required) >= 0;
    }

    /** The lowercase wire name ({@code admin}, {@code operator}, {@code auditor}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AdminRole> fromWire(String name) {
        for (AdminRole role : values()) {
            if (role.wireName().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
