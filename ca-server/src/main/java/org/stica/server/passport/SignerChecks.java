package org.stica.server.passport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import io.vertx.core.json.JsonObject;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.stica.policy.PolicyException;
import org.stica.policy.delegate.EncompassingCheck;
import org.stica.policy.rcd.RuleVerdict;
import org.stica.policy.tnauth.TnAuthList;
import org.stica.policy.tnauth.TnAuthListCodec;
import org.stica.policy.tnauth.TnAuthListExtension;
import org.stica.policy.tnauth.TnEntry;

/**
 * The verifier's signer rules (RCD.md §9 item 1), each one {@link RuleVerdict}:
 * {@code signature} (ES256 only, RFC 8225 §8.1 / RFC 8588, verified with the leaf's key by
 * Nimbus JOSE), {@code certificate path} (JDK PKIX from the leaf through the offered chain to
 * our root as of now; revocation is not checked) and {@code orig coverage} (the leaf's
 * TNAuthList holds {@code orig.tn}: a number or range entry must hold it; an SPC entry is
 * authoritative for its provider's numbers, RFC 8226 §9, which a verifier cannot check further).
 */
final class SignerChecks {
    private SignerChecks() {
    }

    static RuleVerdict signature(JWSObject jws, X509Certificate leaf) {
        String rule = "signature";
        if (!JWSAlgorithm.ES256.equals(jws.getHeader().getAlgorithm())) {
            return fail(rule, "alg is " + jws.getHeader().getAlgorithm()
                    + ", only ES256 is allowed (RFC 8588 §3)");
        }
        if (!(leaf.getPublicKey() instanceof ECPublicKey key)) {
            return fail(rule, "the leaf certificate's key is not an EC key");
        }
        try {
            return jws.verify(new ECDSAVerifier(key))
                    ? pass(rule, "ES256 verified with the leaf key")
                    : fail(rule, "ES256 signature does not verify with the leaf key");
        } catch (JOSEException e) {
            return fail(rule, "cannot verify with the leaf key: " + e.getMessage());
        }
    }

    static RuleVerdict path(List<X509Certificate> chain, X509Certificate root, Instant now) {
        String rule = "certificate path";
        List<X509Certificate> path = new ArrayList<>();
        for (X509Certificate cert : chain) {
            if (!cert.equals(root)) {
                path.add(cert);
            }
        }
        try {
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
            return pass(rule, path.size() + " certificate(s) chain to "
                    + root.getSubjectX500Principal().getName() + " (RFC 5280 §6)");
        } catch (GeneralSecurityException e) {
            return fail(rule, "does not chain to " + root.getSubjectX500Principal().getName()
                    + ": " + e.getMessage() + " (RFC 5280 §6)");
        }
    }

    static RuleVerdict origCoverage(JsonObject payload, X509CertificateHolder leaf) {
        String rule = "orig coverage";
        Optional<String> tn = origTn(payload);
        if (tn.isEmpty()) {
            return fail(rule, "orig.tn is missing or not a string (RFC 8225 §5.2.1)");
        }
        Extension extension = leaf.getExtension(TnAuthListExtension.OID);
        if (extension == null) {
            return fail(rule, "the leaf carries no TNAuthList (RFC 8226 §9)");
        }
        TnAuthList list;
        try {
            list = TnAuthListCodec.decode(extension.getExtnValue().getOctets());
        } catch (PolicyException e) {
            return fail(rule, e.detail());
        }
        try {
            new EncompassingCheck(true).requireWithin(
                    new TnAuthList(List.of(new TnEntry.One(tn.get()))), list);
        } catch (PolicyException e) {
            return fail(rule, "orig.tn " + tn.get() + " is outside the leaf's TNAuthList "
                    + TnAuthListCodec.toText(extension.getExtnValue().getOctets())
                    + " (RFC 8226 §9)");
        }
        boolean spcOnly = list.entries().stream().allMatch(TnEntry.Spc.class::isInstance);
        return pass(rule, "orig.tn " + tn.get() + (spcOnly
                ? " is vouched for by the leaf's SPC (RFC 8226 §9; numbers not listed)"
                : " is within the leaf's TNAuthList (RFC 8226 §9)"));
    }

    static X509CertificateHolder holder(X509Certificate cert) {
        try {
            return new X509CertificateHolder(cert.getEncoded());
        } catch (CertificateEncodingException | java.io.IOException e) {
            throw new IllegalArgumentException("the leaf certificate cannot be encoded", e);
        }
    }

    private static Optional<String> origTn(JsonObject payload) {
        Object orig = payload.getValue("orig");
        if (orig instanceof JsonObject object && object.getValue("tn") instanceof String tn) {
            return Optional.of(tn);
        }
        return Optional.empty();
    }

    static RuleVerdict pass(String rule, String detail) {
        return new RuleVerdict(rule, true, detail);
    }

    static RuleVerdict fail(String rule, String detail) {
        return new RuleVerdict(rule, false, detail);
    }
}
