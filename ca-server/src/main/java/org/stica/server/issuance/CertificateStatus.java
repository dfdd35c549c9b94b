package org.stica.server.issuance;

/**
 * Life of a {@code certificate} row: {@code reserved} (serial and TBS hash committed before the
 * one signature), {@code issued} (DER recorded), {@code revoked}.
 */
public enum CertificateStatus {
    RESERVED, ISSUED, REVOKED;

    public String dbValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static CertificateStatus fromDb(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
