package org.stica.server.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The X-STICA-Signature scheme the README documents, with the README's openssl example. */
class WebhookSignatureTest {
    @Test
    void header_knownVector_matchesOpensslDgstHmac() {
        // printf '%s.' 1772366400 | cat - body.json | openssl dgst -sha256 -hmac whsec_abc
        assertEquals("sha256=626976445e46efb16db676c7078481ed4660b36ddea50b23fc71d83199bbbef2",
                WebhookSignature.header("whsec_abc", "1772366400",
                        "{\"id\":\"whd-1\",\"type\":\"x\"}"));
    }

    @Test
    void header_otherTimestampOrBody_differs() {
        String body = "{\"id\":\"whd-1\"}";
        String signature = WebhookSignature.header("whsec_abc", "1", body);

        assertNotEquals(signature, WebhookSignature.header("whsec_abc", "2", body));
        assertNotEquals(signature, WebhookSignature.header("whsec_abc", "1", body + " "));
        assertNotEquals(signature, WebhookSignature.header("whsec_abd", "1", body));
    }

    @Test
    void generate_secrets_areLongRandomAndDistinct() {
        String one = WebhookSecret.generate();

        assertTrue(one.matches("^whsec_[A-Za-z0-9_-]{43}$"), one);
        assertNotEquals(one, WebhookSecret.generate());
    }
}
