package org.stica.server.issuance;

/**
 * Life of a {@code certificate} row: {@code reserved} (serial and TBS hash committed before the
 * one signature), {@code issued} (DER recorded), {@code revoked}, or {@code abandoned} (the
 * reservation was resolved without a delivered certificate: never signed, or signed by a process
 * that failed before recording it; never served, its serial never reused).
 */
public enum CertificateStatus {
    RESERVED, ISSUED, REVOKED, ABANDONED;

    /** True for a certificate that was signed, recorded and delivered (issued or revoked). */
    public boolean recorded() {
        return this == ISSUED || this == REVOKED;
    }

    public String dbValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static CertificateStatus fromDb(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
