package org.stica.crl.http;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Decides whether a GET/HEAD is answered 304 Not Modified (RFC 9110 §13.1.2, §13.1.3, §13.2.2):
 * If-None-Match (weak comparison, or "*") wins; If-Modified-Since is evaluated only when
 * If-None-Match is absent, and ignored when it is not a valid HTTP date. Shared by every
 * download the server answers (CRL, ARL, x5u chains, trust anchors).
 */
public final class ConditionalGet {
    private ConditionalGet() {
    }

    public static boolean notModified(String ifNoneMatch, String ifModifiedSince, String etag,
            Instant lastModified) {
        if (ifNoneMatch != null) {
            return matchesAny(ifNoneMatch, etag);
        }
        return HttpDates.parse(ifModifiedSince)
                .map(since -> !lastModified.truncatedTo(ChronoUnit.SECONDS).isAfter(since))
                .orElse(false);
    }

    private static boolean matchesAny(String header, String etag) {
        String opaque = opaque(etag);
        for (String candidate : header.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || (!tag.isEmpty() && opaque(tag).equals(opaque))) {
                return true;
            }
        }
        return false;
    }

    /** The entity-tag without a weak prefix (weak comparison, RFC 9110 §8.8.3.2). */
    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
