package org.stica.server.token;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a fetched x5u chain may be reused (STANDARDS.md §3.5.3): the response's
 * {@code Cache-Control max-age}, {@value #DEFAULT_HOURS} h when absent, capped at
 * {@value #MAX_HOURS} h; {@code no-store}/{@code no-cache} mean not at all.
 */
final class CacheLifetime {
    static final int DEFAULT_HOURS = 1;
    static final int MAX_HOURS = 24;
    private static final Pattern MAX_AGE = Pattern.compile("(?:^|[,\\s])max-age\\s*=\\s*\"?(\\d+)");

    private CacheLifetime() {
    }

    static Duration of(String cacheControl) {
        if (cacheControl == null || cacheControl.isBlank()) {
            return Duration.ofHours(DEFAULT_HOURS);
        }
        String value = cacheControl.toLowerCase(Locale.ROOT);
        if (value.contains("no-store") || value.contains("no-cache")) {
            return Duration.ZERO;
        }
        Matcher matcher = MAX_AGE.matcher(value);
        if (!matcher.find()) {
            return Duration.ofHours(DEFAULT_HOURS);
        }
        try {
            Duration maxAge = Duration.ofSeconds(Long.parseLong(matcher.group(1)));
            Duration cap = Duration.ofHours(MAX_HOURS);
            return maxAge.compareTo(cap) > 0 ? cap : maxAge;
        } catch (NumberFormatException e) {
            return Duration.ofHours(MAX_HOURS);
        }
    }
}
