package org.stica.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.stica.server.config.Secret;
import org.stica.server.config.StiCaConfig;

/** {@link ScrapeAccess}: token, or a loopback admin port; nothing else. */
class ScrapeAccessTest {

    @Test
    void isLoopback_loopbackAddressesOnly() {
        assertTrue(ScrapeAccess.isLoopback("127.0.0.1"));
        assertTrue(ScrapeAccess.isLoopback("::1"));
        assertTrue(ScrapeAccess.isLoopback("localhost"));
        assertFalse(ScrapeAccess.isLoopback("0.0.0.0"));
        assertFalse(ScrapeAccess.isLoopback("192.0.2.10"));
    }

    @Test
    void refusal_noToken_openOnLoopback_forbiddenElsewhere() {
        assertEquals(Optional.empty(), new ScrapeAccess(Optional.empty(), true).refusal(null));
        assertEquals(403, new ScrapeAccess(Optional.empty(), false)
                .refusal("Bearer anything").orElseThrow().status());
    }

    @Test
    void refusal_token_requiredEvenOnLoopback_caseInsensitiveScheme() {
        ScrapeAccess access = new ScrapeAccess(Optional.of(Secret.of("s3cret")), true);

        assertEquals(401, access.refusal(null).orElseThrow().status());
        assertEquals(401, access.refusal("Bearer s3cre").orElseThrow().status());
        assertEquals(401, access.refusal("Basic czNjcmV0").orElseThrow().status());
        assertEquals(Optional.empty(), access.refusal("Bearer s3cret"));
        assertEquals(Optional.empty(), access.refusal("bearer s3cret"));
    }

    @Test
    void of_config_adminHostAndMetricsToken() {
        ScrapeAccess open = ScrapeAccess.of(StiCaConfig.load(Optional.empty(), Map.of()));
        ScrapeAccess exposed = ScrapeAccess.of(StiCaConfig.load(Optional.empty(),
                Map.of("STICA_ADMIN_HOST", "0.0.0.0")));
        ScrapeAccess guarded = ScrapeAccess.of(StiCaConfig.load(Optional.empty(),
                Map.of("STICA_ADMIN_HOST", "0.0.0.0", "STICA_METRICS_TOKEN", "t")));

        assertEquals(Optional.empty(), open.refusal(null));
        assertEquals(403, exposed.refusal(null).orElseThrow().status());
        assertEquals(Optional.empty(), guarded.refusal("Bearer t"));
    }
}
