package org.stica.policy.delegate;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;
import org.stica.policy.tnauth.TnAuthList;
import org.stica.policy.tnauth.TnAuthListCodec;
import org.stica.policy.tnauth.TnAuthListExtension;

/**
 * Checks a delegate certificate against its parent (RFC 9060 §4, §5; STANDARDS.md §2 items 1-3,
 * 9): the parent is a CA (BC cA TRUE) carrying a TNAuthList; the delegate names the parent as
 * issuer and its signature verifies with the parent's key; the delegate carries a TNAuthList by
 * value (by-reference lists are not supported here) that the parent's encompasses. Refusals are
 * {@link Violation#DELEGATE_PARENT_INVALID} or {@link Violation#DELEGATE_NOT_ENCOMPASSED}.
 */
public final class DelegateCertificateCheck {
    private final EncompassingCheck encompassing;

    public DelegateCertificateCheck(EncompassingCheck encompassing) {
        this.encompassing = encompassing;
    }

    public void check(X509Certificate delegate, X509Certificate parent) {
        if (parent.getBasicConstraints() < 0) {
            throw parentInvalid("the parent certificate is not a CA (BC cA TRUE, RFC 9060 §4)");
        }
        TnAuthList parentList = tnAuthList(parent).orElseThrow(() -> parentInvalid(
                "the parent certificate carries no TNAuthList (RFC 9060 §4)"));
        if (!delegate.getIssuerX500Principal().equals(parent.getSubjectX500Principal())) {
            throw parentInvalid("the delegate's issuer is not the parent's subject");
        }
        try {
            delegate.verify(parent.getPublicKey());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw parentInvalid("the delegate's signature does not verify with the parent key");
        }
        TnAuthList delegateList = tnAuthList(delegate).orElseThrow(() -> new PolicyException(
                Violation.DELEGATE_NOT_ENCOMPASSED,
                "the delegate certificate carries no TNAuthList by value"));
        encompassing.requireWithin(delegateList, parentList);
    }

    /** The TNAuthList extension of {@code cert}, decoded strictly. */
    public static Optional<TnAuthList> tnAuthList(X509Certificate cert) {
        byte[] value = cert.getExtensionValue(TnAuthListExtension.OID.getId());
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(TnAuthListCodec.decode(ASN1OctetString.getInstance(value)
                .getOctets()));
    }

    private static PolicyException parentInvalid(String detail) {
        return new PolicyException(Violation.DELEGATE_PARENT_INVALID, detail);
    }
}
