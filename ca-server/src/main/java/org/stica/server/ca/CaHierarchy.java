package org.stica.server.ca;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;

/**
 * The CA certificates recorded in {@code ca_key} by {@code init-ca}: root, issuing intermediate
 * and CRL signer, plus the CRL URL the intermediate names in its CRLDP (STANDARDS.md §6.3: every
 * certificate and the CRL's IDP must carry exactly that URI): the CA's own CRL in a private
 * ecosystem, the STI-PA CRL for an intermediate made under the STI-PA (issue 20).
 */
public record CaHierarchy(X509Certificate root, X509Certificate intermediate,
                          X509Certificate crlSigner, URI crlUrl) {

    /** Builds the hierarchy from {@code ca_key} rows; fails when a role is missing. */
    public static CaHierarchy from(List<CaKeyRecord> records) {
        Map<CaKeyRole, X509Certificate> byRole = new EnumMap<>(CaKeyRole.class);
        for (CaKeyRecord record : records) {
            byRole.put(record.role(), record.certificate());
        }
        for (CaKeyRole role : CaKeyRole.values()) {
            if (!byRole.containsKey(role)) {
                throw new CaNotInitialisedException("no " + role.dbValue()
                        + " certificate in ca_key");
            }
        }
        X509Certificate intermediate = byRole.get(CaKeyRole.INTERMEDIATE);
        return new CaHierarchy(byRole.get(CaKeyRole.ROOT), intermediate,
                byRole.get(CaKeyRole.CRL_SIGNER), crlUrlOf(intermediate));
    }

    /**
     * The alias of the newest {@code role} row (rows oldest first, as {@code ca_key} lists
     * them): the key in use after a ceremony rolled it.
     */
    public static String newestAlias(List<CaKeyRecord> records, CaKeyRole role) {
        String alias = null;
        for (CaKeyRecord record : records) {
            if (record.role() == role) {
                alias = record.alias();
            }
        }
        if (alias == null) {
            throw new CaNotInitialisedException("no " + role.dbValue() + " certificate in ca_key");
        }
        return alias;
    }

    /** The intermediate's subject as DER-faithful X500Name (issuer of every EE certificate). */
    public X500Name intermediateName() {
        return X500Name.getInstance(intermediate.getSubjectX500Principal().getEncoded());
    }

    /** The CRL signer's subject: the CRL issuer named as cRLIssuer in every CRLDP. */
    public X500Name crlIssuerName() {
        return X500Name.getInstance(crlSigner.getSubjectX500Principal().getEncoded());
    }

    /**
     * Whether the intermediate's CRLDP names this CA's own CRL: its cRLIssuer is the CRL
     * signer's subject (not an external STI-PA CRL's issuer; issue 20).
     */
    public boolean intermediateNamesOwnCrl() {
        try {
            GeneralName[] issuers = distributionPointOf(intermediate).getCRLIssuer().getNames();
            return issuers.length == 1 && issuers[0].getTagNo() == GeneralName.directoryName
                    && X500Name.getInstance(issuers[0].getName()).equals(crlIssuerName());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Whether the issuing intermediate's pathLenConstraint allows a CA (an SCA certificate)
     * below it (RFC 5280 §4.2.1.9): see {@code StiCaConfig.Ca.intermediatePathLen()}.
     */
    public boolean allowsCaBelowIntermediate() {
        return intermediate.getBasicConstraints() >= 1;
    }

    /** The certificates that issue and verify EE certificates, issuing CA first. */
    public List<X509Certificate> issuingChain() {
        return List.of(intermediate, root);
    }

    private static URI crlUrlOf(X509Certificate intermediate) {
        try {
            DistributionPointName name = distributionPointOf(intermediate).getDistributionPoint();
            GeneralName uri = GeneralNames.getInstance(name.getName()).getNames()[0];
            return URI.create(uri.getName().toString());
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot read the CRL URL from the intermediate", e);
        }
    }

    private static DistributionPoint distributionPointOf(X509Certificate intermediate) {
        try {
            Extension extension = new JcaX509CertificateHolder(intermediate)
                    .getExtension(Extension.cRLDistributionPoints);
            if (extension == null) {
                throw new IllegalStateException("the intermediate certificate has no CRLDP");
            }
            return CRLDistPoint.getInstance(extension.getParsedValue()).getDistributionPoints()[0];
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("cannot read the intermediate's CRLDP", e);
        }
    }
}
