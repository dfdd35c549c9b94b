package org.stica.server.trust;

import java.time.Instant;

/** The last good STI-PA CRL: its DER, where it came from and when it was last refreshed. */
public record StoredCrl(byte[] der, String sourceUrl, Instant fetchedAt) {
}
