package org.stica.acme.store.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.stica.acme.model.CertificateRecord;

/** The certificates an instance recorded last, kept for their download. */
class RecentCertificatesTest {
    private static CertificateRecord certificate(String id) {
        return new CertificateRecord(id, "order-" + id, "account", "0a" + id.length(),
                "-----BEGIN CERTIFICATE-----", "https://cr.example.test/" + id, Instant.EPOCH);
    }

    @Test
    void find_overCapacity_dropsTheLeastRecentlyUsed() {
        RecentCertificates recent = new RecentCertificates(2);
        recent.remember(certificate("a"));
        recent.remember(certificate("b"));
        assertEquals(Optional.of(certificate("a")), recent.find("a"));
        recent.remember(certificate("c"));
        // "b" was used least recently: it goes, and is then read from the database
        assertTrue(recent.find("b").isEmpty());
        assertEquals("order-a", recent.find("a").orElseThrow().orderId());
        assertEquals("order-c", recent.find("c").orElseThrow().orderId());
    }

    @Test
    void new_capacityBelowOne_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RecentCertificates(0));
    }
}
