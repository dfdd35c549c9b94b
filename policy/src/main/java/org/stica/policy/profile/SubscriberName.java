package org.stica.policy.profile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * The subscriber (STI participant) an end-entity certificate names (ATIS-1000080 §6.4.1,
 * STANDARDS.md §1.1 item 5): O its legal name, C its country, ST and L when recorded; CN is
 * {@code SHAKEN <SPC>}. Names are built attribute by attribute, never parsed from a string, so
 * commas, {@code +}, {@code &}, quotes and accents are plain characters: O, ST, L and CN are
 * UTF8String, C PrintableString (RFC 5280 §4.1.2.4, Appendix A). Lengths are RFC 5280's upper
 * bounds: ub-organization-name 64, ub-state-name 128, ub-locality-name 128, ub-common-name 64.
 */
public record SubscriberName(String organization, String country, Optional<String> state,
                             Optional<String> locality) {
    public static final int MAX_ORGANIZATION = 64;
    public static final int MAX_STATE = 128;
    public static final int MAX_LOCALITY = 128;
    private static final Pattern COUNTRY = Pattern.compile("^[A-Z]{2}$");

    public SubscriberName {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(locality, "locality");
        require(organization != null && !organization.isBlank()
                && organization.codePointCount(0, organization.length()) <= MAX_ORGANIZATION,
                "organization must be 1-" + MAX_ORGANIZATION + " characters");
        require(country != null && COUNTRY.matcher(country).matches(),
                "country must match ^[A-Z]{2}$");
        require(state.map(s -> !s.isBlank() && s.codePointCount(0, s.length()) <= MAX_STATE)
                .orElse(true), "state must be 1-" + MAX_STATE + " characters");
        require(locality.map(l -> !l.isBlank() && l.codePointCount(0, l.length()) <= MAX_LOCALITY)
                .orElse(true), "locality must be 1-" + MAX_LOCALITY + " characters");
    }

    /**
     * The certificate subject for {@code spc}: C, ST, L, O, CN in that order; or, when the CSR's
     * subject names exactly these attributes with these values (a carrier tool that compares the
     * issued subject with the one it asked for), in the CSR's order. Values are always encoded
     * as this profile says, whatever the CSR used.
     */
    public X500Name subject(String spc, Optional<X500Name> requested) {
        Map<ASN1ObjectIdentifier, String> wanted = attributes(spc);
        List<ASN1ObjectIdentifier> order = requested.flatMap(r -> orderIfSame(r, wanted))
                .orElse(List.of(BCStyle.C, BCStyle.ST, BCStyle.L, BCStyle.O, BCStyle.CN));
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
        for (ASN1ObjectIdentifier type : order) {
            String value = wanted.get(type);
            if (value != null) {
                builder.addRDN(type, value);
            }
        }
        return builder.build();
    }

    /**
     * Findings when {@code subject} does not name this subscriber exactly (the pre-issuance lint:
     * O present and the subscriber's, C, ST and L as recorded).
     */
    public List<String> lint(X500Name subject, String spc) {
        Map<ASN1ObjectIdentifier, String> found = new HashMap<>();
        List<String> findings = new ArrayList<>();
        for (RDN rdn : subject.getRDNs()) {
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                String value = atv.getValue() instanceof ASN1String s ? s.getString() : null;
                if (found.put(atv.getType(), value) != null) {
                    findings.add("subject repeats attribute " + atv.getType().getId());
                }
            }
        }
        Map<ASN1ObjectIdentifier, String> wanted = attributes(spc);
        if (!wanted.equals(found)) {
            findings.add("subject " + found + " does not name the subscriber " + wanted);
        }
        return findings;
    }

    private Map<ASN1ObjectIdentifier, String> attributes(String spc) {
        Map<ASN1ObjectIdentifier, String> wanted = new HashMap<>();
        wanted.put(BCStyle.C, country);
        state.ifPresent(s -> wanted.put(BCStyle.ST, s));
        locality.ifPresent(l -> wanted.put(BCStyle.L, l));
        wanted.put(BCStyle.O, organization);
        wanted.put(BCStyle.CN, "SHAKEN " + spc);
        return wanted;
    }

    /** The requested name's attribute order when it names exactly {@code wanted}. */
    private static Optional<List<ASN1ObjectIdentifier>> orderIfSame(X500Name requested,
            Map<ASN1ObjectIdentifier, String> wanted) {
        List<ASN1ObjectIdentifier> order = new ArrayList<>();
        Map<ASN1ObjectIdentifier, String> found = new HashMap<>();
        for (RDN rdn : requested.getRDNs()) {
            if (rdn.isMultiValued()) {
                return Optional.empty();
            }
            AttributeTypeAndValue atv = rdn.getFirst();
            if (!(atv.getValue() instanceof ASN1String s)
                    || found.put(atv.getType(), s.getString()) != null) {
                return Optional.empty();
            }
            order.add(atv.getType());
        }
        return found.equals(wanted) ? Optional.of(order) : Optional.empty();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
