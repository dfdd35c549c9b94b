package org.stica.policy.csr;

import java.security.PublicKey;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * A CSR that passed {@link CsrPolicy}: the proven subject key, the requested CA flag and the
 * requested subject (only its attribute order is ever used: the subject values come from the
 * subscriber record, never from the CSR; ATIS-1000080 §6.4.1).
 */
public record CheckedCsr(PublicKey subjectKey, boolean ca, X500Name subject) {
}
