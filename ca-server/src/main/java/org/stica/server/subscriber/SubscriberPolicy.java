package org.stica.server.subscriber;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a subscriber's fields before anything is stored (pure, no I/O); the first violation is
 * returned as a client-safe sentence.
 * <ul>
 * <li>legal name: 1-64 characters (RFC 5280 Appendix A ub-organization-name), any Unicode
 *     (commas, {@code &}, {@code +}, quotes, accents), but no control characters and no leading
 *     or trailing white space (the name must equal the O a carrier puts in its CSR);</li>
 * <li>country: an ISO 3166-1 alpha-2 code ({@link Locale#getISOCountries()}), upper case;</li>
 * <li>state and locality, when given: 1-128 characters (ub-state-name, ub-locality-name), same
 *     character rules as the legal name;</li>
 * <li>SPCs: each matches the configured {@code ca.spcPattern}, no duplicates, at most
 *     {@value #MAX_SPCS};</li>
 * <li>contacts: at most {@value #MAX_CONTACTS} distinct URIs of at most
 *     {@value #MAX_CONTACT_LENGTH} characters, each {@code mailto:} one address
 *     ({@code mailto:noc@example.net}), {@code tel:} an RFC 3966 global number
 *     ({@code tel:+1-555-0100}) or {@code https:} with a host and no user information.</li>
 * </ul>
 */
public final class SubscriberPolicy {
    /** RFC 5280 Appendix A: ub-organization-name. */
    public static final int MAX_LEGAL_NAME = 64;
    /** RFC 5280 Appendix A: ub-state-name and ub-locality-name. */
    public static final int MAX_STATE_OR_LOCALITY = 128;
    public static final int MAX_SPCS = 100;
    public static final int MAX_CONTACTS = 10;
    public static final int MAX_CONTACT_LENGTH = 256;

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Pattern MAILTO = Pattern.compile("^mailto:[^@\\s,;?<>]+@[^@\\s,;?<>]+$");
    private static final Pattern TEL = Pattern.compile("^tel:\\+[0-9][0-9().-]{1,31}$");

    private final Pattern spcPattern;

    /** @param spcPattern the configured {@code ca.spcPattern} */
    public SubscriberPolicy(Pattern spcPattern) {
        this.spcPattern = spcPattern;
    }

    /** The first rule {@code details} breaks, or empty when it may be stored. */
    public Optional<String> violation(SubscriberDetails details) {
        return text("legalName", details.legalName(), MAX_LEGAL_NAME)
                .or(() -> country(details.country()))
                .or(() -> details.state().flatMap(s -> text("state", s, MAX_STATE_OR_LOCALITY)))
                .or(() -> details.locality().flatMap(l -> text("locality", l,
                        MAX_STATE_OR_LOCALITY)))
                .or(() -> spcs(details.spcs()))
                .or(() -> contacts(details.contacts()));
    }

    /** Whether {@code spc} has the configured SPC syntax. */
    public boolean isSpc(String spc) {
        return spc != null && spcPattern.matcher(spc).matches();
    }

    private static Optional<String> text(String field, String value, int max) {
        if (value == null || value.isEmpty()) {
            return Optional.of(field + " is required");
        }
        int length = value.codePointCount(0, value.length());
        if (length > max) {
            return Optional.of(field + " is " + length + " characters; at most " + max
                    + " are allowed (RFC 5280 Appendix A upper bound)");
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            return Optional.of(field + " must not contain control characters");
        }
        if (blank(value.codePointAt(0)) || blank(value.codePointBefore(value.length()))) {
            return Optional.of(field + " must not begin or end with white space");
        }
        return Optional.empty();
    }

    private static boolean blank(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
    }

    private static Optional<String> country(String country) {
        if (country == null || !country.matches("^[A-Z]{2}$") || !COUNTRIES.contains(country)) {
            return Optional.of("country must be an ISO 3166-1 alpha-2 code in upper case, such"
                    + " as US or CA; got '" + (country == null ? "" : country) + "'");
        }
        return Optional.empty();
    }

    private Optional<String> spcs(List<String> spcs) {
        if (spcs.size() > MAX_SPCS) {
            return Optional.of("at most " + MAX_SPCS + " SPCs per subscriber");
        }
        Set<String> seen = new HashSet<>();
        for (String spc : spcs) {
            if (!isSpc(spc)) {
                return Optional.of("SPC '" + spc + "' does not match the configured SPC pattern "
                        + spcPattern.pattern());
            }
            if (!seen.add(spc)) {
                return Optional.of("SPC " + spc + " is listed twice");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> contacts(List<String> contacts) {
        if (contacts.size() > MAX_CONTACTS) {
            return Optional.of("at most " + MAX_CONTACTS + " contacts");
        }
        Set<String> seen = new HashSet<>();
        for (String contact : contacts) {
            if (contact == null || contact.length() > MAX_CONTACT_LENGTH || !contact(contact)) {
                return Optional.of("contact '" + contact + "' must be a mailto: address, a tel:"
                        + " global number (tel:+...) or an https: URL, at most "
                        + MAX_CONTACT_LENGTH + " characters");
            }
            if (!seen.add(contact)) {
                return Optional.of("contact " + contact + " is listed twice");
            }
        }
        return Optional.empty();
    }

    private static boolean contact(String contact) {
        if (MAILTO.matcher(contact).matches() || TEL.matcher(contact).matches()) {
            return true;
        }
        try {
            URI uri = new URI(contact);
            return "https".equals(uri.getScheme()) && uri.getHost() != null
                    && uri.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
