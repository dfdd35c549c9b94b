package org.stica.server.subscriber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What the registry accepts as a subscriber's fields (issue 15). */
class SubscriberPolicyTest {
    private final SubscriberPolicy policy = new SubscriberPolicy(Pattern.compile("^[A-Z0-9]{4}$"));

    @Test
    void violation_realLegalNames_areAccepted() {
        // Legal names carry commas, &, +, quotes, accents and non-Latin scripts.
        for (String name : List.of("Télécom \"Nord\", Inc. + Co", "AT&T Corp.", "O'Brien = Ltd;",
                "Ōsaka 通信 株式会社", "\\#<Back>slash", "x".repeat(64), "é".repeat(64))) {
            assertEquals(Optional.empty(), policy.violation(details(name, "US")), name);
        }
    }

    @Test
    void violation_nameOver64Characters_citesTheUpperBound() {
        // RFC 5280 Appendix A: ub-organization-name INTEGER ::= 64
        String detail = policy.violation(details("x".repeat(65), "US")).orElseThrow();

        assertTrue(detail.contains("at most 64") && detail.contains("RFC 5280"), detail);
    }

    @Test
    void violation_blankPaddedOrControlName_isRefused() {
        for (String name : List.of("", " Padded", "Padded ", "Line\nBreak", "Tab\tName")) {
            assertTrue(policy.violation(details(name, "US")).isPresent(), name);
        }
    }

    @Test
    void violation_countryNotIso3166Alpha2_isRefused() {
        for (String country : List.of("us", "USA", "XX", "ZZ", "", "U1")) {
            assertTrue(policy.violation(details("A", country)).orElseThrow()
                    .startsWith("country must be an ISO 3166-1 alpha-2"), country);
        }
        assertEquals(Optional.empty(), policy.violation(details("A", "CA")));
    }

    @Test
    void violation_stateOrLocalityOver128_isRefused() {
        // RFC 5280 Appendix A: ub-state-name and ub-locality-name INTEGER ::= 128
        assertTrue(policy.violation(new SubscriberDetails("A", "US", Optional.of("s".repeat(129)),
                Optional.empty(), List.of(), List.of())).isPresent());
        assertTrue(policy.violation(new SubscriberDetails("A", "US", Optional.empty(),
                Optional.of("l".repeat(129)), List.of(), List.of())).isPresent());
        assertEquals(Optional.empty(), policy.violation(new SubscriberDetails("A", "US",
                Optional.of("s".repeat(128)), Optional.of("l".repeat(128)), List.of(),
                List.of())));
    }

    @Test
    void violation_spcsOutsideThePatternOrTwice_areRefused() {
        assertTrue(policy.violation(withSpcs(List.of("12345"))).isPresent());
        assertTrue(policy.violation(withSpcs(List.of("abcd"))).isPresent());
        assertTrue(policy.violation(withSpcs(List.of("1234", "1234"))).isPresent());
        assertEquals(Optional.empty(), policy.violation(withSpcs(List.of("1234", "567A"))));
    }

    @Test
    void violation_contacts_mailtoTelHttpsOnly() {
        for (String ok : List.of("mailto:noc@example.net", "tel:+1-555-0100",
                "https://carrier.example/abuse")) {
            assertEquals(Optional.empty(), policy.violation(withContacts(List.of(ok))), ok);
        }
        for (String bad : List.of("noc@example.net", "mailto:a@b,c@d", "tel:555-0100",
                "http://carrier.example/", "https://user@carrier.example/", "javascript:x",
                "https://" + "a".repeat(250) + ".example")) {
            assertTrue(policy.violation(withContacts(List.of(bad))).isPresent(), bad);
        }
    }

    private static SubscriberDetails details(String name, String country) {
        return new SubscriberDetails(name, country, Optional.empty(), Optional.empty(),
                List.of(), List.of());
    }

    private static SubscriberDetails withSpcs(List<String> spcs) {
        return new SubscriberDetails("A", "US", Optional.empty(), Optional.empty(), spcs,
                List.of());
    }

    private static SubscriberDetails withContacts(List<String> contacts) {
        return new SubscriberDetails("A", "US", Optional.empty(), Optional.empty(), List.of(),
                contacts);
    }
}
