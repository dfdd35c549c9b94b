package org.stica.acme.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.stica.acme.problem.AcmeProblem;
import org.stica.acme.problem.ProblemType;
import org.stica.acme.support.TnAuthLists;
import org.stica.policy.PolicyException;

/** newOrder, tkauth-01 response and contact checks (RFC 8555 §7.3/§7.4, RFC 9448 §3–§4). */
class RequestChecksTest {
    private final NewOrderCheck orders = new NewOrderCheck(Pattern.compile("^[A-Z0-9]{4}$"));
    private final TkauthResponseCheck responses = new TkauthResponseCheck();
    private final ContactCheck contacts = new ContactCheck();

    @Test
    void newOrder_oneSpc_isAcceptedWithDer() {
        OrderRequest request = orders.check(order("MAigBhYEMTIzNA"));
        assertEquals("1234", request.spc());
        // STANDARDS.md §7.1: SPC 1234 is 30 08 a0 06 16 04 31 32 33 34.
        assertArrayEquals(TnAuthLists.spcs("1234"), request.identifierDer());
    }

    @Test
    void newOrder_twoIdentifiers_isRejectedIdentifier() {
        JsonObject payload = order("MAigBhYEMTIzNA");
        payload.getJsonArray("identifiers").add(payload.getJsonArray("identifiers")
                .getJsonObject(0).copy());
        // STANDARDS.md §3.1.4: exactly one TNAuthList identifier.
        assertEquals(ProblemType.REJECTED_IDENTIFIER, problem(() -> orders.check(payload)));
    }

    @Test
    void newOrder_noIdentifiers_isMalformed() {
        assertEquals(ProblemType.MALFORMED, problem(() -> orders.check(new JsonObject())));
    }

    @Test
    void newOrder_undecodableValue_isPolicyMalformed() {
        // RFC 9448 §3: the value is a DER TNAuthList.
        assertThrows(PolicyException.class, () -> orders.check(order("AAAA")));
    }

    @Test
    void newOrder_notBeforeEqualsNotAfter_isMalformed() {
        JsonObject payload = order("MAigBhYEMTIzNA").put("notBefore", "2030-01-01T00:00:00Z")
                .put("notAfter", "2030-01-01T00:00:00Z");
        assertEquals(ProblemType.MALFORMED, problem(() -> orders.check(payload)));
    }

    @Test
    void tkauth_atcOrTkauthOrBothEqual_giveTheToken() {
        // STANDARDS.md §0 trap 1: accept both keys.
        assertEquals("a.b.c", responses.token(new JsonObject().put("atc", "a.b.c")));
        assertEquals("a.b.c", responses.token(new JsonObject().put("tkauth", "a.b.c")));
        assertEquals("a.b.c", responses.token(new JsonObject().put("atc", "a.b.c")
                .put("tkauth", "a.b.c")));
    }

    @Test
    void tkauth_neitherOrNonString_isMalformed() {
        assertEquals(ProblemType.MALFORMED, problem(() -> responses.token(new JsonObject())));
        assertEquals(ProblemType.MALFORMED, problem(() -> responses.token(
                new JsonObject().put("atc", 5))));
    }

    @Test
    void contact_checks() {
        assertEquals(List.of("mailto:a@b.example"), contacts.check(
                new JsonArray().add("mailto:a@b.example")));
        // RFC 8555 §7.3: unsupported scheme vs. invalid mailto.
        assertEquals(ProblemType.UNSUPPORTED_CONTACT, problem(() -> contacts.check(
                new JsonArray().add("https://x"))));
        assertEquals(ProblemType.INVALID_CONTACT, problem(() -> contacts.check(
                new JsonArray().add("mailto:a@b.example,c@d.example"))));
        assertEquals(ProblemType.INVALID_CONTACT, problem(() -> contacts.check(
                new JsonArray().add("mailto:a@b.example?subject=x"))));
    }

    private static JsonObject order(String value) {
        return new JsonObject().put("identifiers", new JsonArray().add(
                new JsonObject().put("type", "TNAuthList").put("value", value)));
    }

    private static ProblemType problem(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(AcmeProblem.class, call).type();
    }
}
