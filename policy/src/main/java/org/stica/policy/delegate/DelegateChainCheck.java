package org.stica.policy.delegate;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertificateFactory;
import java.security.cert.CertPathValidator;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;

/**
 * Checks a delegate chain below one of our SCA certificates before it is published (RFC 9060
 * §4, §5; STANDARDS.md §2 items 1-3, 9): the whole path {@code delegates → SCA → intermediate}
 * validates under our root as of {@code now} (RFC 5280 §6 with the JDK's PKIX: signatures,
 * validity, BC cA and pathLenConstraint, keyCertSign; revocation is the caller's job), no
 * delegate is itself a CA (our SCAs have pathLen 0, self-issued or not), every
 * delegate is encompassed by its parent ({@link DelegateCertificateCheck}) and the leaf passes
 * {@link DelegateLint}. Refusals: {@link Violation#DELEGATE_PARENT_INVALID},
 * {@link Violation#DELEGATE_NOT_ENCOMPASSED}, {@link Violation#DELEGATE_LINT_FAILED}.
 */
public final class DelegateChainCheck {
    private final DelegateCertificateCheck pairs;

    public DelegateChainCheck(DelegateCertificateCheck pairs) {
        this.pairs = pairs;
    }

    /**
     * @param delegates    the delegate certificates, leaf first, each issued by the next
     * @param sca          the SCA certificate that issued the last delegate
     * @param intermediate our issuing intermediate (issuer of the SCA)
     * @param root         our root (trust anchor)
     */
    public void check(List<X509Certificate> delegates, X509Certificate sca,
                      X509Certificate intermediate, X509Certificate root, Instant now) {
        if (delegates.isEmpty()) {
            throw new PolicyException(Violation.DELEGATE_MALFORMED,
                    "the chain holds no delegate certificate below the SCA certificate");
        }
        for (X509Certificate delegate : delegates) {
            if (delegate.getBasicConstraints() >= 0) {
                // PKIX does not count self-issued CAs against pathLen; our SCAs have pathLen 0
                // and sign only end entities, so refuse any CA below them explicitly.
                throw new PolicyException(Violation.DELEGATE_PARENT_INVALID, "a CA certificate"
                        + " below the SCA certificate (pathLenConstraint 0, RFC 5280 §4.2.1.9)");
            }
        }
        List<X509Certificate> path = new ArrayList<>(delegates);
        path.add(sca);
        path.add(intermediate);
        validatePath(path, root, now);
        for (int i = delegates.size() - 1; i >= 0; i--) {
            pairs.check(path.get(i), path.get(i + 1));
        }
        List<String> findings = DelegateLint.lint(delegates.get(0));
        if (!findings.isEmpty()) {
            throw new PolicyException(Violation.DELEGATE_LINT_FAILED,
                    "the delegate certificate fails the delegate lint: "
                            + String.join("; ", findings));
        }
    }

    private static void validatePath(List<X509Certificate> path, X509Certificate root,
                                     Instant now) {
        try {
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
        } catch (GeneralSecurityException e) {
            throw new PolicyException(Violation.DELEGATE_PARENT_INVALID,
                    "the delegate chain does not validate up to this CA's SCA certificate: "
                            + e.getMessage());
        }
    }
}
