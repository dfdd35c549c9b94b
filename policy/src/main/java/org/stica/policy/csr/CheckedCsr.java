package org.stica.policy.csr;

import java.security.PublicKey;

/** A CSR that passed {@link CsrPolicy}: the proven subject key and the requested CA flag. */
public record CheckedCsr(PublicKey subjectKey, boolean ca) {
}
