package org.stica.server.notify;

import java.time.Instant;

/** An issued, unrevoked certificate near its notAfter whose subscriber was not yet warned. */
public record ExpiringCertificate(String serial, String spc, Instant notAfter) {
}
