package org.stica.server.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The event bodies the README documents, and the envelope every delivery shares. */
class NotificationEventTest {
    private static final Instant AT = Instant.parse("2026-04-01T09:30:00Z");

    @Test
    void revoked_everyReasonTheCaUses_isNamedAsRfc5280Does() {
        // RFC 5280 §5.3.1 CRLReason names
        Map<Integer, String> names = Map.of(0, "unspecified", 1, "keyCompromise",
                3, "affiliationChanged", 4, "superseded", 5, "cessationOfOperation",
                9, "privilegeWithdrawn");
        names.forEach((code, name) -> assertEquals(name, NotificationEvent.revoked("0a", "1234",
                code, AT).data().getString("reason")));
        assertEquals("unknown", NotificationEvent.revoked("0a", "1234", 7, AT).data()
                .getString("reason"), "never throws on the revocation path");
    }

    @Test
    void newDelivery_envelope_carriesIdTypeTimeSubscriberAndData() {
        NewDelivery delivery = NewDelivery.of("carrier-1",
                NotificationEvent.expiring("0a", "1234", AT, 13), AT);

        JsonObject body = new JsonObject(delivery.payload());
        assertEquals(delivery.id(), body.getString("id"));
        assertEquals("certificate.expiring", body.getString("type"));
        assertEquals(AT.toString(), body.getString("createdAt"));
        assertEquals("carrier-1", body.getString("subscriberId"));
        assertEquals(new JsonObject().put("serial", "0a").put("spc", "1234")
                .put("notAfter", AT.toString()).put("daysLeft", 13), body.getJsonObject("data"));
        assertEquals(new JsonObject().put("subscriberId", "carrier-1")
                .put("suspendedAt", AT.toString()), NotificationEvent.suspended("carrier-1", AT)
                .data());
    }
}
