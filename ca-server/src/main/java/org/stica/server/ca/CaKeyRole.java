package org.stica.server.ca;

/** What a CA key is for; stored as the {@code ca_key.role} text. */
public enum CaKeyRole {
    ROOT("root"), INTERMEDIATE("intermediate"), CRL_SIGNER("crl-signer");

    private final String dbValue;

    CaKeyRole(String dbValue) {
        this.dbValue = dbValue;
    }

    public String dbValue() {
        return dbValue;
    }

    public static CaKeyRole fromDb(String value) {
        for (CaKeyRole role : values()) {
            if (role.dbValue.equals(value)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown CA key role: " + value);
    }
}
