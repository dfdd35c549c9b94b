package org.stica.server.admin;

import java.util.Optional;

/**
 * A certificate search (issue 6): by SPC, serial (lowercase hex, exact or prefix) and status
 * ({@code reserved}, {@code issued}, {@code revoked}, {@code abandoned}), newest first, {@code offset}/{@code limit}.
 */
public record CertificateQuery(Optional<String> spc, Optional<String> serialPrefix,
                               Optional<String> status, int offset, int limit) {
    public static final int MAX_LIMIT = 500;
}
