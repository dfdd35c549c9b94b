package org.stica.acme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stica.acme.support.Problems.assertProblem;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stica.acme.port.IssuanceRequest;
import org.stica.acme.port.TokenValidationRequest;
import org.stica.acme.support.AcmeTestClient;
import org.stica.acme.support.AcmeTestServer;
import org.stica.acme.support.Await;
import org.stica.acme.support.TestPki;
import org.stica.acme.support.TnAuthLists;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;
import org.stica.policy.rcd.ConstraintsIdentifier;
import org.stica.policy.rcd.JwtClaimConstraints;
import org.stica.policy.rcd.JwtClaimConstraintsCodec;
import org.stica.policy.token.TokenType;

/**
 * RCD orders (issue 19; RCD.md §8 items 1, 4, 5, 7): one TNAuthList and one JWTClaimConstraints
 * identifier, each with its own authorization and tkauth-01 challenge validated with its own
 * kind of token; ready only once both are valid; the CSR must request the constraint byte for
 * byte; the identifier must be vetted (port) and is refused on the CA profile. Every refusal is a
 * precise problem and creates or issues nothing.
 */
class ClaimConstraintsOrderTest {
    private static final byte[] SPC_1234 = TnAuthLists.spcs("1234");
    private static final ConstraintsIdentifier CLAIMS = ConstraintsIdentifier.fromDer(
            JwtClaimConstraintsCodec.encode(new JwtClaimConstraints(List.of("rcd"),
                    List.of(new JwtClaimConstraints.ClaimValues("crn", List.of("Delivery"))),
                    List.of())));

    @RegisterExtension
    static final AcmeTestServer server = new AcmeTestServer(java.time.Clock.systemUTC(),
            c -> c.withScaEnabled(true));

    @BeforeAll
    static void start() {
        server.claims.approve(CLAIMS.value());
    }

    @AfterEach
    void reset() {
        server.validator.refuseWith(null);
        server.claims.approve(CLAIMS.value());
    }

    @Test
    void newOrder_bothIdentifiers_twoAuthorizationsEachWithATkauthChallenge() {
        AcmeTestClient client = account();
        HttpResponse<Buffer> created = client.post(server.url("/new-order"), order(CLAIMS.value()));
        assertEquals(201, created.statusCode(), created.bodyAsString());
        JsonObject order = created.bodyAsJsonObject();
        // RFC 8555 §7.1.3: the order echoes both identifiers as sent
        assertEquals(new JsonArray().add(identifier("TNAuthList", TnAuthLists.text(SPC_1234)))
                .add(identifier("JWTClaimConstraints", CLAIMS.value())),
                order.getJsonArray("identifiers"));
        JsonArray authorizations = order.getJsonArray("authorizations");
        assertEquals(2, authorizations.size());
        List<String> types = authorizations.stream().map(url -> client.post((String) url, "")
                .bodyAsJsonObject()).map(a -> {
                    JsonArray challenges = a.getJsonArray("challenges");
                    assertEquals(1, challenges.size());
                    assertEquals("tkauth-01", challenges.getJsonObject(0).getString("type"));
                    assertEquals("atc", challenges.getJsonObject(0).getString("tkauth-type"));
                    return a.getJsonObject("identifier").getString("type");
                }).sorted().toList();
        assertEquals(List.of("JWTClaimConstraints", "TNAuthList"), types);
    }

    @Test
    void challenges_eachValidatesItsOwnTokenKind_orderReadyOnlyWhenBothValid() {
        AcmeTestClient client = account();
        JsonObject order = client.post(server.url("/new-order"), order(CLAIMS.value()))
                .bodyAsJsonObject();

        respond(client, authz(client, order, "TNAuthList"));
        TokenValidationRequest spc = lastValidation();
        assertEquals(TokenType.TN_AUTH_LIST, spc.identifierType());
        assertArrayEquals(SPC_1234, spc.identifierDer());
        // RFC 8555 §7.1.6: one valid authorization of two leaves the order pending
        assertEquals("pending", poll(client, order).getString("status"));

        respond(client, authz(client, order, "JWTClaimConstraints"));
        TokenValidationRequest claims = lastValidation();
        assertEquals(TokenType.JWT_CLAIM_CONSTRAINTS, claims.identifierType());
        assertArrayEquals(CLAIMS.der(), claims.identifierDer());
        assertFalse(claims.expectCa(), "JWTClaimConstraints are end-entity only");
        assertEquals("ready", poll(client, order).getString("status"));
    }

    @Test
    void finalize_csrWithTheConstraint_issuesWithIt() {
        AcmeTestClient client = account();
        JsonObject order = readyOrder(client);

        HttpResponse<Buffer> done = finalizeWith(client, order, CLAIMS.extension());

        assertEquals("valid", done.bodyAsJsonObject().getString("status"), done.bodyAsString());
        IssuanceRequest issued = lastIssued();
        assertEquals(CLAIMS, issued.claimConstraints().orElseThrow());
        assertArrayEquals(SPC_1234, issued.tnAuthListDer());
    }

    @Test
    void finalize_csrConstraintOneByteDifferent_isBadCsrAndIssuesNothing() {
        AcmeTestClient client = account();
        JsonObject order = readyOrder(client);
        byte[] other = CLAIMS.der();
        other[other.length - 2] ^= 0x01;
        int before = server.ca.issued().size();

        JsonObject problem = assertProblem(finalizeWith(client, order, new Extension(
                CLAIMS.oid(), false, new DEROctetString(other))), 400, "badCSR");

        assertTrue(problem.getString("detail").contains("differs from the order's identifier at"
                + " byte " + (other.length - 2)), problem.encode());
        assertEquals(before, server.ca.issued().size());
        // the refusal changes nothing: the order stays ready for a corrected CSR
        assertEquals("ready", poll(client, order).getString("status"));
        assertEquals("valid", finalizeWith(client, order, CLAIMS.extension()).bodyAsJsonObject()
                .getString("status"));
    }

    @Test
    void finalize_csrWithoutTheConstraint_isBadCsrAndIssuesNothing() {
        AcmeTestClient client = account();
        JsonObject order = readyOrder(client);
        int before = server.ca.issued().size();

        JsonObject problem = assertProblem(finalizeWith(client, order), 400, "badCSR");

        assertTrue(problem.getString("detail").contains("does not request"), problem.encode());
        assertEquals(before, server.ca.issued().size());
    }

    @Test
    void finalize_setWithdrawnSinceNewOrder_isRejectedIdentifierAndIssuesNothing() {
        AcmeTestClient client = account();
        JsonObject order = readyOrder(client);
        server.claims.withdraw(CLAIMS.value());
        int before = server.ca.issued().size();

        assertProblem(finalizeWith(client, order, CLAIMS.extension()), 400,
                "rejectedIdentifier");
        assertEquals(before, server.ca.issued().size());
    }

    @Test
    void challenge_claimTokenRefused_invalidatesTheOrder() {
        AcmeTestClient client = account();
        JsonObject order = client.post(server.url("/new-order"), order(CLAIMS.value()))
                .bodyAsJsonObject();
        server.validator.refuseWith(new PolicyException(Violation.TOKEN_SIGNER_UNTRUSTED,
                "token signer does not chain to a trusted claim-token root"));
        String challenge = authz(client, order, "JWTClaimConstraints");

        JsonObject answered = client.post(challenge, new JsonObject().put("atc", "t.o.k"))
                .bodyAsJsonObject();

        assertEquals("invalid", answered.getString("status"));
        assertEquals("urn:ietf:params:acme:error:unauthorized",
                answered.getJsonObject("error").getString("type"));
        assertEquals("invalid", poll(client, order).getString("status"));
    }

    @Test
    void newOrder_refusals_arePreciseProblemsAndCreateNothing() {
        AcmeTestClient client = account();
        long before = orders();
        byte[] baseline = JwtClaimConstraintsCodec.encode(new JwtClaimConstraints(
                List.of("orig"), List.of(), List.of()));
        String notVetted = ConstraintsIdentifier.fromDer(JwtClaimConstraintsCodec.encode(
                new JwtClaimConstraints(List.of("crn"), List.of(), List.of()))).value();

        assertDetail(assertProblem(client.post(server.url("/new-order"), order(notVetted)), 400,
                "rejectedIdentifier"), "no approved RCD set");
        // RFC 8226 §8, RFC 9118 §3: end-entity certificates only
        assertDetail(assertProblem(client.post(server.url("/new-order"),
                order(CLAIMS.value()).put("profile", "shaken-sca")), 400, "rejectedIdentifier"),
                "end-entity certificates only");
        // RFC 9118 §6: one constraint per certificate; and a TNAuthList is required
        JsonObject twice = order(CLAIMS.value());
        twice.getJsonArray("identifiers").add(identifier("JWTClaimConstraints",
                CLAIMS.value()));
        assertDetail(assertProblem(client.post(server.url("/new-order"), twice), 400,
                "rejectedIdentifier"), "at most one JWTClaimConstraints");
        JsonObject alone = new JsonObject().put("identifiers", new JsonArray().add(
                identifier("JWTClaimConstraints", CLAIMS.value())));
        assertDetail(assertProblem(client.post(server.url("/new-order"), alone), 400,
                "rejectedIdentifier"), "exactly one TNAuthList");
        // RCD.md §6: unpadded base64url of strict DER; the lint refuses baseline claims
        assertProblem(client.post(server.url("/new-order"), order(CLAIMS.value() + "=")), 400,
                "malformed");
        assertDetail(assertProblem(client.post(server.url("/new-order"), order(
                JwtClaimConstraintsCodec.toIdentifierValue(baseline))), 400,
                "rejectedIdentifier"), "orig");
        JsonObject unknown = new JsonObject().put("identifiers", new JsonArray()
                .add(identifier("TNAuthList", TnAuthLists.text(SPC_1234)))
                .add(identifier("EnhancedJWTClaimConstraints", CLAIMS.value())));
        assertProblem(client.post(server.url("/new-order"), unknown), 400,
                "unsupportedIdentifier");
        assertEquals(before, orders());
    }

    private static void assertDetail(JsonObject problem, String part) {
        assertTrue(problem.getString("detail").contains(part), problem.encode());
    }

    private static JsonObject readyOrder(AcmeTestClient client) {
        JsonObject order = client.post(server.url("/new-order"), order(CLAIMS.value()))
                .bodyAsJsonObject();
        respond(client, authz(client, order, "TNAuthList"));
        respond(client, authz(client, order, "JWTClaimConstraints"));
        assertEquals("ready", poll(client, order).getString("status"));
        return order;
    }

    /** The challenge URL of the order's authorization for {@code type}. */
    private static String authz(AcmeTestClient client, JsonObject order, String type) {
        for (Object url : order.getJsonArray("authorizations")) {
            JsonObject authz = client.post((String) url, "").bodyAsJsonObject();
            if (type.equals(authz.getJsonObject("identifier").getString("type"))) {
                return authz.getJsonArray("challenges").getJsonObject(0).getString("url");
            }
        }
        throw new AssertionError("no " + type + " authorization in " + order.encode());
    }

    private static void respond(AcmeTestClient client, String challenge) {
        assertEquals("valid", client.post(challenge, new JsonObject().put("atc", "t.o.k"))
                .bodyAsJsonObject().getString("status"));
    }

    private static JsonObject poll(AcmeTestClient client, JsonObject order) {
        return client.post(order.getString("finalize").replace("/finalize", ""), "")
                .bodyAsJsonObject();
    }

    private static HttpResponse<Buffer> finalizeWith(AcmeTestClient client, JsonObject order,
                                                     Extension... claims) {
        return client.post(order.getString("finalize"), new JsonObject().put("csr",
                AcmeTestClient.b64(TestPki.csr(TestPki.p256(), SPC_1234, claims))));
    }

    private static JsonObject order(String claimsValue) {
        return new JsonObject().put("identifiers", new JsonArray()
                .add(identifier("TNAuthList", TnAuthLists.text(SPC_1234)))
                .add(identifier("JWTClaimConstraints", claimsValue)));
    }

    private static JsonObject identifier(String type, String value) {
        return new JsonObject().put("type", type).put("value", value);
    }

    private static TokenValidationRequest lastValidation() {
        List<TokenValidationRequest> requests = server.validator.requests();
        return requests.get(requests.size() - 1);
    }

    private static IssuanceRequest lastIssued() {
        List<IssuanceRequest> issued = server.ca.issued();
        return issued.get(issued.size() - 1);
    }

    private static long orders() {
        return Await.result(server.pool.query("SELECT count(*) FROM acme_order").execute())
                .iterator().next().getLong(0);
    }

    private static AcmeTestClient account() {
        AcmeTestClient client = new AcmeTestClient(server);
        assertEquals(201, client.newAccount().statusCode());
        return client;
    }
}
