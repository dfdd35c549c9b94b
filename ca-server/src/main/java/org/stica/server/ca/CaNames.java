package org.stica.server.ca;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Subject names of the CA certificates (ATIS-1000080 §6.4.1; STANDARDS.md §1.2.7, §1.3.5): the
 * CN contains "SHAKEN" (and "Root" for the root); O is the CA's legal name; C its country.
 */
public final class CaNames {
    private CaNames() {
    }

    public static X500Name root(String organization, String country) {
        return name(organization, country, organization + " SHAKEN Root CA");
    }

    public static X500Name intermediate(String organization, String country) {
        return name(organization, country, organization + " SHAKEN Intermediate CA 1");
    }

    /** The intermediate of rollover generation {@code generation} (1 is init-ca's). */
    public static X500Name intermediate(String organization, String country, int generation) {
        return name(organization, country, organization + " SHAKEN Intermediate CA "
                + generation);
    }

    public static X500Name crlSigner(String organization, String country) {
        return name(organization, country, organization + " SHAKEN CRL Signer");
    }

    /**
     * C, O, CN built attribute by attribute (never parsed from a string: a legal name may hold
     * commas, {@code +}, quotes; issue 15).
     */
    public static X500Name name(String organization, String country, String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, country)
                .addRDN(BCStyle.O, organization)
                .addRDN(BCStyle.CN, commonName)
                .build();
    }
}
