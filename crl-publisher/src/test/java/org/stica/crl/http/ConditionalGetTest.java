package org.stica.crl.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConditionalGetTest {
    private static final String ETAG = "\"abc\"";
    private static final Instant MODIFIED = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void notModified_matchingOrStarOrWeakEtag_isTrue() {
        // RFC 9110 §13.1.2: If-None-Match uses the weak comparison; "*" matches any representation.
        assertTrue(ConditionalGet.notModified(ETAG, null, ETAG, MODIFIED));
        assertTrue(ConditionalGet.notModified("\"x\", " + ETAG, null, ETAG, MODIFIED));
        assertTrue(ConditionalGet.notModified("W/" + ETAG, null, ETAG, MODIFIED));
        assertTrue(ConditionalGet.notModified("*", null, ETAG, MODIFIED));
    }

    @Test
    void notModified_otherEtag_isFalseEvenIfNotModifiedSince() {
        // RFC 9110 §13.1.3: If-Modified-Since is ignored when If-None-Match is present.
        assertFalse(ConditionalGet.notModified("\"other\"", "Tue, 24 Nov 2026 10:00:00 GMT", ETAG,
                MODIFIED));
    }

    @Test
    void notModified_ifModifiedSince_comparesWithLastModified() {
        assertTrue(ConditionalGet.notModified(null, "Tue, 24 Nov 2026 10:00:00 GMT", ETAG,
                MODIFIED));
        assertTrue(ConditionalGet.notModified(null, "Tue, 24 Nov 2026 11:00:00 GMT", ETAG,
                MODIFIED));
        assertFalse(ConditionalGet.notModified(null, "Tue, 24 Nov 2026 09:59:59 GMT", ETAG,
                MODIFIED));
    }

    @Test
    void notModified_invalidDateOrNoHeaders_isFalse() {
        // RFC 9110 §13.1.3: an invalid If-Modified-Since date is ignored.
        assertFalse(ConditionalGet.notModified(null, "yesterday", ETAG, MODIFIED));
        assertFalse(ConditionalGet.notModified(null, null, ETAG, MODIFIED));
    }

    @Test
    void format_lastModified_isImfFixdate() {
        assertTrue(HttpDates.format(Instant.parse("2026-11-04T01:02:03Z")).equals(
                "Wed, 04 Nov 2026 01:02:03 GMT"));
    }
}
