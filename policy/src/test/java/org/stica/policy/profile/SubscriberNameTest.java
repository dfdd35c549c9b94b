package org.stica.policy.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1PrintableString;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.Test;

/**
 * ATIS-1000080 §6.4.1 (STANDARDS.md §1.1 item 5): the subject names the subscriber, built
 * attribute by attribute (RFC 5280 §4.1.2.4: DirectoryString as UTF8String, C as
 * PrintableString; Appendix A upper bounds).
 */
class SubscriberNameTest {
    private static final String TRICKY = "Télécom \"Nord\", Inc. + Co";
    private final SubscriberName name = new SubscriberName(TRICKY, "FR",
            Optional.of("Île-de-France"), Optional.of("Paris"));

    @Test
    void subject_trickyLegalName_isOneAttributeEncodedAsUtf8String() {
        X500Name subject = name.subject("1234", Optional.empty());

        RDN[] rdns = subject.getRDNs();
        assertEquals(List.of(BCStyle.C, BCStyle.ST, BCStyle.L, BCStyle.O, BCStyle.CN),
                java.util.Arrays.stream(rdns).map(r -> r.getFirst().getType()).toList());
        assertEquals(TRICKY, ((ASN1UTF8String) subject.getRDNs(BCStyle.O)[0].getFirst()
                .getValue()).getString());
        assertInstanceOf(ASN1PrintableString.class,
                subject.getRDNs(BCStyle.C)[0].getFirst().getValue());
        assertEquals("SHAKEN 1234", ((ASN1UTF8String) subject.getRDNs(BCStyle.CN)[0].getFirst()
                .getValue()).getString());
        assertEquals(List.of(), name.lint(subject, "1234"));
    }

    @Test
    void subject_csrNamingTheSameAttributes_keepsTheCsrOrder() {
        X500Name requested = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN,
                        "SHAKEN 1234").addRDN(BCStyle.O, TRICKY).addRDN(BCStyle.L, "Paris")
                .addRDN(BCStyle.ST, "Île-de-France").addRDN(BCStyle.C, "FR").build();

        assertEquals(requested, name.subject("1234", Optional.of(requested)));
    }

    @Test
    void subject_csrNamingSomethingElse_getsTheRecordInCanonicalOrder() {
        X500Name requested = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "FR")
                .addRDN(BCStyle.O, "Someone Else").addRDN(BCStyle.CN, "SHAKEN 1234").build();

        X500Name subject = name.subject("1234", Optional.of(requested));

        assertEquals(name.subject("1234", Optional.empty()), subject);
        assertEquals(TRICKY, ((ASN1UTF8String) subject.getRDNs(BCStyle.O)[0].getFirst()
                .getValue()).getString());
    }

    @Test
    void lint_subjectWithAnotherOrganization_isAFinding() {
        SubscriberName other = new SubscriberName("STI-CA", "US", Optional.empty(),
                Optional.empty());

        List<String> findings = name.lint(other.subject("1234", Optional.empty()), "1234");

        assertEquals(1, findings.size());
        assertTrue(findings.get(0).contains("does not name the subscriber"), findings.get(0));
    }

    @Test
    void constructor_boundsOfRfc5280AppendixA_areEnforced() {
        String sixtyFour = "x".repeat(64);
        new SubscriberName(sixtyFour, "US", Optional.empty(), Optional.empty());
        assertThrows(IllegalArgumentException.class, () -> new SubscriberName(sixtyFour + "y",
                "US", Optional.empty(), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new SubscriberName("A", "usa",
                Optional.empty(), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new SubscriberName("A", "US",
                Optional.of("s".repeat(129)), Optional.empty()));
        // 64 characters, not 64 bytes: accents count once
        new SubscriberName("é".repeat(64), "US", Optional.empty(), Optional.empty());
    }
}
