package org.stica.acme.store.pg;

/** An external account binding key was used by another newAccount meanwhile (single use). */
public final class EabKeyUsedException extends RuntimeException {
    public EabKeyUsedException() {
        super("the external account binding key was already used", null, false, false);
    }
}
