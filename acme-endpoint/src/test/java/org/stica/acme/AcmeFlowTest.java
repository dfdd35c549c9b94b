package org.stica.acme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stica.acme.support.Problems.assertProblem;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stica.acme.port.IssuanceRequest;
import org.stica.acme.port.TokenValidationRequest;
import org.stica.acme.support.AcmeTestClient;
import org.stica.acme.support.AcmeTestServer;
import org.stica.acme.support.TestPki;
import org.stica.acme.support.Await;
import org.stica.acme.support.TnAuthLists;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;

/**
 * A full TNAuthList enrollment over real HTTP and PostgreSQL with fake ports (RFC 8555 §7,
 * RFC 9447/9448): account → order → tkauth-01 challenge with {@code atc} → finalize with a BC CSR
 * → certificate download → revocation, plus the failure paths of each step.
 */
class AcmeFlowTest {
    private static final byte[] SPC_1234 = TnAuthLists.spcs("1234");
    /** The identifier value as RFC 9448 §3 writes it (STANDARDS.md §7.1). */
    private static final String SPC_1234_TEXT = "MAigBhYEMTIzNA";

    @RegisterExtension
    static final AcmeTestServer server = new AcmeTestServer();

    @AfterEach
    void reset() {
        server.validator.refuseWith(null);
        server.ca.failIssuanceWith(null);
    }

    @Test
    void directory_get_listsResourcesAndMetaWithoutIndexLink() {
        HttpResponse<Buffer> response = get("/directory");
        assertEquals(200, response.statusCode());
        JsonObject dir = response.bodyAsJsonObject();
        assertEquals(server.url("/new-nonce"), dir.getString("newNonce"));
        assertEquals(server.url("/new-account"), dir.getString("newAccount"));
        assertEquals(server.url("/new-order"), dir.getString("newOrder"));
        assertEquals(server.url("/revoke-cert"), dir.getString("revokeCert"));
        assertEquals(server.url("/key-change"), dir.getString("keyChange"));
        JsonObject meta = dir.getJsonObject("meta");
        assertEquals(false, meta.getBoolean("externalAccountRequired"));
        assertEquals("https://ca.example.test/tos", meta.getString("termsOfService"));
        assertNull(meta.getValue("caaIdentities"));
        assertNotNull(response.getHeader("Cache-Control"));
        // RFC 8555 §7.1: the index link is on every response except the directory.
        assertNull(response.getHeader("Link"));
    }

    @Test
    void newNonce_headAndGet_giveNoncesThatAreNotCached() {
        HttpResponse<Buffer> head = await(web().headAbs(server.url("/new-nonce")).send());
        HttpResponse<Buffer> get = get("/new-nonce");
        // RFC 8555 §7.2: HEAD → 200, GET → 204, Replay-Nonce, Cache-Control: no-store.
        assertEquals(200, head.statusCode());
        assertEquals(204, get.statusCode());
        for (HttpResponse<Buffer> response : List.of(head, get)) {
            String nonce = response.getHeader("Replay-Nonce");
            assertTrue(nonce.matches("[A-Za-z0-9_-]{22,}"), nonce);
            assertEquals("no-store", response.getHeader("Cache-Control"));
            assertIndexLink(response);
        }
        assertNotEquals(head.getHeader("Replay-Nonce"), get.getHeader("Replay-Nonce"));
    }

    @Test
    void enrollment_fullFlowWithAtc_issuesAndServesTheChain() throws Exception {
        AcmeTestClient client = new AcmeTestClient(server);
        int told = server.activity.size();
        HttpResponse<Buffer> account = client.newAccount();
        assertEquals(201, account.statusCode(), account.bodyAsString());
        assertTrue(client.kid().startsWith(server.url("/acct/")));
        assertEquals("valid", account.bodyAsJsonObject().getString("status"));
        assertNotNull(account.getHeader("Replay-Nonce"));
        assertIndexLink(account);

        HttpResponse<Buffer> created = newOrder(client, SPC_1234_TEXT);
        assertEquals(201, created.statusCode(), created.bodyAsString());
        String orderUrl = created.getHeader("Location");
        JsonObject order = created.bodyAsJsonObject();
        assertEquals("pending", order.getString("status"));
        assertEquals(new JsonObject().put("type", "TNAuthList").put("value", SPC_1234_TEXT),
                order.getJsonArray("identifiers").getJsonObject(0));
        assertEquals(1, order.getJsonArray("authorizations").size());

        String authzUrl = order.getJsonArray("authorizations").getString(0);
        JsonObject authz = client.post(authzUrl, "").bodyAsJsonObject();
        assertEquals("pending", authz.getString("status"));
        JsonObject challenge = authz.getJsonArray("challenges").getJsonObject(0);
        assertEquals("tkauth-01", challenge.getString("type"));
        assertEquals("atc", challenge.getString("tkauth-type"));
        assertEquals("pending", challenge.getString("status"));
        assertTrue(challenge.getString("token").length() >= 22);

        HttpResponse<Buffer> answered = client.post(challenge.getString("url"),
                new JsonObject().put("atc", "spc.token.jws"));
        assertEquals(200, answered.statusCode(), answered.bodyAsString());
        assertEquals("valid", answered.bodyAsJsonObject().getString("status"));
        assertTrue(answered.headers().getAll("Link").contains("<" + authzUrl + ">;rel=\"up\""));
        TokenValidationRequest validated = server.validator.requests()
                .get(server.validator.requests().size() - 1);
        assertEquals("spc.token.jws", validated.token());
        assertArrayEquals(SPC_1234, validated.identifierDer());
        assertEquals(client.key().toECPublicKey(), validated.accountKey());
        assertEquals(client.kid(), server.url("/acct/" + validated.accountId()));
        assertFalse(validated.expectCa());

        assertEquals("valid", client.post(authzUrl, "").bodyAsJsonObject().getString("status"));
        assertEquals("ready", client.post(orderUrl, "").bodyAsJsonObject().getString("status"));

        KeyPair certKey = TestPki.p256();
        HttpResponse<Buffer> finalized = client.post(order.getString("finalize"),
                new JsonObject().put("csr", AcmeTestClient.b64(TestPki.csr(certKey, SPC_1234))));
        assertEquals(200, finalized.statusCode(), finalized.bodyAsString());
        JsonObject done = finalized.bodyAsJsonObject();
        assertEquals("valid", done.getString("status"));
        // issue 17: each step told once to the metrics port, after it was stored
        assertEquals(List.of("orderCreated shaken", "challengeFinished VALID",
                "certificateIssued shaken", "orderFinished VALID"), server.activitySince(told));
        assertTrue(done.getString("x5u").startsWith("https://cr.example.test/certs/"));
        IssuanceRequest issuance = server.ca.issued().get(server.ca.issued().size() - 1);
        assertEquals(certKey.getPublic(), issuance.subjectKey());
        assertEquals("1234", issuance.spc());
        assertArrayEquals(SPC_1234, issuance.tnAuthListDer());

        HttpResponse<Buffer> pem = client.post(done.getString("certificate"), "");
        assertEquals(200, pem.statusCode());
        assertEquals("application/pem-certificate-chain", pem.getHeader("Content-Type"));
        List<X509Certificate> chain = parseChain(pem.bodyAsString());
        assertEquals(2, chain.size());
        assertEquals(certKey.getPublic(), chain.get(0).getPublicKey());
        assertEquals(server.ca.caCertificate(), chain.get(1));

        HttpResponse<Buffer> revoked = client.post(server.url("/revoke-cert"), new JsonObject()
                .put("certificate", AcmeTestClient.b64(chain.get(0).getEncoded()))
                .put("reason", 4));
        assertEquals(200, revoked.statusCode(), revoked.bodyAsString());
        assertEquals(Optional.of(server.url("/acct/").length()).map(n -> client.kid()
                .substring(n)), server.ca.revoked().get(server.ca.revoked().size() - 1)
                .requestingAccount());
        HttpResponse<Buffer> again = client.post(server.url("/revoke-cert"), new JsonObject()
                .put("certificate", AcmeTestClient.b64(chain.get(0).getEncoded())));
        // RFC 8555 §7.6: a second revocation → alreadyRevoked.
        assertProblem(again, 400, "alreadyRevoked");
    }

    @Test
    void newAccount_sameKeyTwice_returnsExistingWith200() {
        AcmeTestClient client = new AcmeTestClient(server);
        HttpResponse<Buffer> first = client.newAccount();
        HttpResponse<Buffer> second = client.newAccount();
        // RFC 8555 §7.3.1: an existing key → 200 and the Location of the existing account.
        assertEquals(201, first.statusCode());
        assertEquals(200, second.statusCode());
        assertEquals(first.getHeader("Location"), second.getHeader("Location"));
    }

    @Test
    void newAccount_onlyReturnExistingForUnknownKey_isAccountDoesNotExist() {
        AcmeTestClient client = new AcmeTestClient(server);
        HttpResponse<Buffer> response = client.postJwk(server.url("/new-account"),
                new JsonObject().put("onlyReturnExisting", true).encode());
        // RFC 8555 §7.3.1: onlyReturnExisting never creates an account.
        assertProblem(response, 400, "accountDoesNotExist");
        assertNotNull(response.getHeader("Replay-Nonce"));
    }

    @Test
    void newAccount_nonMailtoContact_isUnsupportedContact() {
        AcmeTestClient client = new AcmeTestClient(server);
        HttpResponse<Buffer> response = client.postJwk(server.url("/new-account"),
                new JsonObject().put("contact", new JsonArray().add("tel:+15551234567"))
                        .encode());
        // RFC 8555 §7.3: unsupported contact schemes → unsupportedContact.
        assertProblem(response, 400, "unsupportedContact");
    }

    @Test
    void account_updateContactThenDeactivate_refusesTheKeyAfterwards() {
        AcmeTestClient client = new AcmeTestClient(server);
        client.newAccount();
        JsonObject updated = client.post(client.kid(), new JsonObject().put("contact",
                new JsonArray().add("mailto:ops@carrier.example"))).bodyAsJsonObject();
        assertEquals("mailto:ops@carrier.example", updated.getJsonArray("contact").getString(0));
        assertEquals("valid", client.post(client.kid(), "").bodyAsJsonObject()
                .getString("status"));

        HttpResponse<Buffer> deactivated = client.post(client.kid(),
                new JsonObject().put("status", "deactivated"));
        assertEquals(200, deactivated.statusCode());
        assertEquals("deactivated", deactivated.bodyAsJsonObject().getString("status"));
        // RFC 8555 §7.3.6: later requests signed by a deactivated account are unauthorized.
        assertProblem(newOrder(client, SPC_1234_TEXT), 401, "unauthorized");
    }

    @Test
    void account_otherAccountsUrl_isUnauthorized() {
        AcmeTestClient alice = new AcmeTestClient(server);
        AcmeTestClient bob = new AcmeTestClient(server);
        alice.newAccount();
        bob.newAccount();
        assertProblem(bob.post(alice.kid(), ""), 403, "unauthorized");
    }

    @Test
    void newOrder_dnsIdentifier_isUnsupportedIdentifier() {
        AcmeTestClient client = accountClient();
        HttpResponse<Buffer> response = client.post(server.url("/new-order"), new JsonObject()
                .put("identifiers", new JsonArray().add(new JsonObject().put("type", "dns")
                        .put("value", "example.com"))));
        // RFC 8555 §7.4 / STANDARDS.md §3.1.4: unknown identifier types → unsupportedIdentifier.
        assertProblem(response, 400, "unsupportedIdentifier");
    }

    @Test
    void newOrder_twoSpcs_isRejectedIdentifier() {
        AcmeTestClient client = accountClient();
        String twoSpcs = TnAuthLists.text(TnAuthLists.spcs("1234", "5678"));
        // STANDARDS.md §3.1.4: SHAKEN EE orders hold exactly one SPC.
        assertProblem(newOrder(client, twoSpcs), 400, "rejectedIdentifier");
    }

    @Test
    void newOrder_spcNotMatchingPattern_isRejectedIdentifier() {
        AcmeTestClient client = accountClient();
        String lowercase = TnAuthLists.text(TnAuthLists.spcs("ab1"));
        // STANDARDS.md §1.4 item 4: the SPC must match the configured pattern.
        assertProblem(newOrder(client, lowercase), 400, "rejectedIdentifier");
    }

    @Test
    void newOrder_spcWithoutActiveSubscriber_isRejectedIdentifierAndCreatesNothing()
            throws Exception {
        // issue 15 (ATIS-1000080 §6.4.1: the certificate names the STI participant): an SPC
        // that no active subscriber holds is refused at newOrder, with a detail saying why
        server.subscribers.refuse("9990");
        AcmeTestClient client = accountClient();
        long ordersBefore = orderCount();

        HttpResponse<Buffer> response = newOrder(client,
                TnAuthLists.text(TnAuthLists.spcs("9990")));

        assertProblem(response, 400, "rejectedIdentifier");
        assertTrue(response.bodyAsJsonObject().getString("detail").contains("subscriber"),
                response.bodyAsString());
        assertEquals(ordersBefore, orderCount());
    }

    @Test
    void finalize_subscriberSuspendedAfterNewOrder_isRefusedAndIssuesNothing() {
        // issue 15: suspension stops issuance at once, also for orders made before it
        AcmeTestClient client = accountClient();
        String spc = "9991";
        byte[] tnAuthList = TnAuthLists.spcs(spc);
        JsonObject order = newOrder(client, TnAuthLists.text(tnAuthList)).bodyAsJsonObject();
        String challengeUrl = challengeUrl(client,
                order.getJsonArray("authorizations").getString(0));
        assertEquals("valid", client.post(challengeUrl, new JsonObject().put("atc", "t.o.k"))
                .bodyAsJsonObject().getString("status"));
        int issuedBefore = server.ca.issued().size();
        server.subscribers.refuse(spc);

        assertProblem(finalizeWith(client, order, tnAuthList), 400, "rejectedIdentifier");

        assertEquals(issuedBefore, server.ca.issued().size());
        assertEquals("ready", client.post(orderUrl(order), "").bodyAsJsonObject()
                .getString("status"));
    }

    @Test
    void newOrder_garbageValue_isMalformed() {
        AcmeTestClient client = accountClient();
        // RFC 9448 §3: the value must decode to a DER TNAuthList.
        assertProblem(newOrder(client, "not-a-tnauthlist"), 400, "malformed");
    }

    @Test
    void newOrder_paddedStandardBase64Value_isAcceptedAndEchoed() {
        AcmeTestClient client = accountClient();
        String padded = "MAigBhYEMTIzNA==";
        // STANDARDS.md §0 trap 2: accept the std-base64 padded form; echo the string sent.
        HttpResponse<Buffer> response = newOrder(client, padded);
        assertEquals(201, response.statusCode(), response.bodyAsString());
        assertEquals(padded, response.bodyAsJsonObject().getJsonArray("identifiers")
                .getJsonObject(0).getString("value"));
    }

    @Test
    void newOrder_notBeforeAfterNotAfter_isMalformed() {
        AcmeTestClient client = accountClient();
        HttpResponse<Buffer> response = client.post(server.url("/new-order"), orderPayload(
                SPC_1234_TEXT).put("notBefore", "2030-01-08T00:00:00Z")
                .put("notAfter", "2030-01-01T00:00:00Z"));
        // RFC 8555 §7.4 / STANDARDS.md §3.1.3: inconsistent validity → malformed.
        assertProblem(response, 400, "malformed");
        HttpResponse<Buffer> bad = client.post(server.url("/new-order"),
                orderPayload(SPC_1234_TEXT).put("notAfter", "next tuesday"));
        assertProblem(bad, 400, "malformed");
    }

    @Test
    void newOrder_validityBounds_areEchoed() {
        AcmeTestClient client = accountClient();
        JsonObject order = client.post(server.url("/new-order"), orderPayload(SPC_1234_TEXT)
                .put("notBefore", "2030-01-01T00:00:00Z")
                .put("notAfter", "2030-01-08T00:00:00Z")).bodyAsJsonObject();
        assertEquals("2030-01-01T00:00:00Z", order.getString("notBefore"));
        assertEquals("2030-01-08T00:00:00Z", order.getString("notAfter"));
    }

    @Test
    void challenge_tokenRefused_invalidatesChallengeAuthzAndOrder() {
        AcmeTestClient client = accountClient();
        JsonObject order = newOrder(client, SPC_1234_TEXT).bodyAsJsonObject();
        String orderUrl = server.url("/order/") + orderId(order);
        String authzUrl = order.getJsonArray("authorizations").getString(0);
        String challengeUrl = challengeUrl(client, authzUrl);
        server.validator.refuseWith(new PolicyException(Violation.TOKEN_TKVALUE_MISMATCH,
                "token tkvalue differs from the identifier"));
        int told = server.activity.size();

        HttpResponse<Buffer> answered = client.post(challengeUrl,
                new JsonObject().put("tkauth", "spc.token.jws"));
        assertEquals(List.of("challengeFinished INVALID", "orderFinished INVALID"),
                server.activitySince(told));
        // RFC 9448 §6: a failed token check → challenge, authz and order invalid with an error.
        assertEquals(200, answered.statusCode());
        JsonObject challenge = answered.bodyAsJsonObject();
        assertEquals("invalid", challenge.getString("status"));
        JsonObject error = challenge.getJsonObject("error");
        assertEquals("urn:ietf:params:acme:error:incorrectResponse", error.getString("type"));
        assertEquals("token tkvalue differs from the identifier", error.getString("detail"));
        assertEquals("invalid", client.post(authzUrl, "").bodyAsJsonObject().getString("status"));
        JsonObject invalidOrder = client.post(orderUrl, "").bodyAsJsonObject();
        assertEquals("invalid", invalidOrder.getString("status"));
        assertEquals("urn:ietf:params:acme:error:incorrectResponse",
                invalidOrder.getJsonObject("error").getString("type"));

        server.validator.refuseWith(null);
        HttpResponse<Buffer> retried = client.post(challengeUrl,
                new JsonObject().put("atc", "another.token.jws"));
        // A challenge already invalid is returned unchanged (RFC 8555 §7.1.6: no way back).
        assertEquals("invalid", retried.bodyAsJsonObject().getString("status"));
        assertProblem(finalizeWith(client, order, SPC_1234), 403, "orderNotReady");
    }

    @Test
    void challenge_internalValidatorFailure_storesGenericServerInternal() {
        AcmeTestClient client = accountClient();
        JsonObject order = newOrder(client, SPC_1234_TEXT).bodyAsJsonObject();
        String challengeUrl = challengeUrl(client,
                order.getJsonArray("authorizations").getString(0));
        server.validator.refuseWith(new IllegalStateException("db password is hunter2"));
        JsonObject challenge = client.post(challengeUrl, new JsonObject().put("atc", "t.o.k"))
                .bodyAsJsonObject();
        JsonObject error = challenge.getJsonObject("error");
        assertEquals("urn:ietf:params:acme:error:serverInternal", error.getString("type"));
        assertFalse(error.getString("detail").contains("hunter2"));
    }

    @Test
    void challenge_atcAndTkauthDiffer_isMalformed() {
        AcmeTestClient client = accountClient();
        JsonObject order = newOrder(client, SPC_1234_TEXT).bodyAsJsonObject();
        String challengeUrl = challengeUrl(client,
                order.getJsonArray("authorizations").getString(0));
        // STANDARDS.md §0 trap 1: both keys present and different → malformed.
        assertProblem(client.post(challengeUrl, new JsonObject().put("atc", "a.b.c")
                .put("tkauth", "d.e.f")), 400, "malformed");
        // RFC 9448 §4: the response must carry the token.
        JsonObject missing = assertProblem(client.post(challengeUrl, new JsonObject()), 400,
                "malformed");
        assertTrue(missing.getString("detail").contains("atc"));
        assertEquals("pending", client.post(challengeUrl, "").bodyAsJsonObject()
                .getString("status"));
    }

    @Test
    void finalize_beforeReady_isOrderNotReady() {
        AcmeTestClient client = accountClient();
        JsonObject order = newOrder(client, SPC_1234_TEXT).bodyAsJsonObject();
        // RFC 8555 §7.4: finalize on an order that is not ready → 403 orderNotReady.
        assertProblem(finalizeWith(client, order, SPC_1234), 403, "orderNotReady");
    }

    @Test
    void finalize_csrForAnotherTnAuthList_isBadCsr() {
        AcmeTestClient client = accountClient();
        JsonObject order = readyOrder(client);
        // RFC 8555 §7.4 / STANDARDS.md §3.6.2: CSR TNAuthList must equal the order's.
        assertProblem(finalizeWith(client, order, TnAuthLists.spcs("9999")), 400, "badCSR");
        assertEquals("ready", client.post(server.url("/order/") + orderId(order), "")
                .bodyAsJsonObject().getString("status"));
    }

    @Test
    void finalize_badCsrThenCorrected_isIssued() {
        // the claim of a refused finalize is undone before the answer (issue 18), so the order
        // takes a corrected CSR at once
        AcmeTestClient client = accountClient();
        JsonObject order = readyOrder(client);
        assertProblem(finalizeWith(client, order, TnAuthLists.spcs("9999")), 400, "badCSR");

        HttpResponse<Buffer> corrected = finalizeWith(client, order, SPC_1234);

        assertEquals(200, corrected.statusCode(), corrected.bodyAsString());
        assertEquals("valid", corrected.bodyAsJsonObject().getString("status"));
    }

    @Test
    void finalize_issuanceFails_orderInvalidAndGenericProblem() {
        AcmeTestClient client = accountClient();
        JsonObject order = readyOrder(client);
        server.ca.failIssuanceWith(new IllegalStateException("HSM session lost"));
        int told = server.activity.size();
        HttpResponse<Buffer> response = finalizeWith(client, order, SPC_1234);
        assertEquals(List.of("orderFinished INVALID"), server.activitySince(told),
                "nothing issued");
        JsonObject problem = assertProblem(response, 500, "serverInternal");
        assertFalse(problem.getString("detail").contains("HSM"));
        JsonObject after = client.post(server.url("/order/") + orderId(order), "")
                .bodyAsJsonObject();
        assertEquals("invalid", after.getString("status"));
        assertEquals("urn:ietf:params:acme:error:serverInternal",
                after.getJsonObject("error").getString("type"));
    }

    @Test
    void finalize_issuancePolicyRefusal_isMappedProblem() {
        AcmeTestClient client = accountClient();
        JsonObject order = readyOrder(client);
        server.ca.failIssuanceWith(new PolicyException(Violation.CSR_BAD_PUBLIC_KEY,
                "key refused by the CA"));
        assertProblem(finalizeWith(client, order, SPC_1234), 400, "badPublicKey");
    }

    /** Sends a signed JWS without waiting for the answer (two such requests race). */
    private io.vertx.core.Future<HttpResponse<Buffer>> sendWithoutWaiting(String url,
                                                                      JsonObject jws) {
        return web().postAbs(url).putHeader("Content-Type", AcmeTestClient.JOSE_JSON)
                .sendBuffer(Buffer.buffer(jws.encode()));
    }

    @Test
    void finalize_twiceConcurrently_issuesExactlyOnce() {
        AcmeTestClient client = accountClient();
        JsonObject order = readyOrder(client);
        String url = order.getString("finalize");
        String payload = new JsonObject().put("csr", AcmeTestClient.b64(
                TestPki.csr(TestPki.p256(), SPC_1234))).encode();
        JsonObject first = client.signedBody(url, payload);
        JsonObject second = client.signedBody(url, payload);
        int issuedBefore = server.ca.issued().size();
        io.vertx.core.Future<HttpResponse<Buffer>> a = sendWithoutWaiting(url, first);
        io.vertx.core.Future<HttpResponse<Buffer>> b = sendWithoutWaiting(url, second);
        List<Integer> statuses = new ArrayList<>(List.of(await(a).statusCode(),
                await(b).statusCode()));
        statuses.sort(Integer::compare);
        // RFC 8555 §7.1.6: ready → processing happens once; the loser gets orderNotReady.
        assertEquals(List.of(200, 403), statuses);
        assertEquals(issuedBefore + 1, server.ca.issued().size());
    }

    @Test
    void challenge_answeredTwiceConcurrently_validatesOnceAndBothSeeTheOutcome() {
        AcmeTestClient client = accountClient();
        JsonObject order = newOrder(client, SPC_1234_TEXT).bodyAsJsonObject();
        String url = challengeUrl(client, order.getJsonArray("authorizations").getString(0));
        String payload = new JsonObject().put("atc", "t.o.k").encode();
        JsonObject first = client.signedBody(url, payload);
        JsonObject second = client.signedBody(url, payload);
        int validationsBefore = server.validator.requests().size();
        io.vertx.core.Future<HttpResponse<Buffer>> a = sendWithoutWaiting(url, first);
        io.vertx.core.Future<HttpResponse<Buffer>> b = sendWithoutWaiting(url, second);
        HttpResponse<Buffer> answerA = await(a);
        HttpResponse<Buffer> answerB = await(b);
        assertEquals(200, answerA.statusCode(), answerA.bodyAsString());
        assertEquals(200, answerB.statusCode(), answerB.bodyAsString());
        // RFC 8555 §7.5.1: pending → processing happens once, so the token is checked once;
        // the other answer returns the challenge as that validation left it (or processing).
        assertEquals(validationsBefore + 1, server.validator.requests().size());
        for (HttpResponse<Buffer> answer : List.of(answerA, answerB)) {
            assertTrue(List.of("processing", "valid").contains(
                    answer.bodyAsJsonObject().getString("status")), answer.bodyAsString());
        }
        assertEquals("valid", client.post(url, "").bodyAsJsonObject().getString("status"));
        assertEquals("ready", client.post(server.url("/order/") + orderId(order), "")
                .bodyAsJsonObject().getString("status"));
    }

    @Test
    void resources_ofAnotherAccount_areUnauthorized() {
        AcmeTestClient alice = accountClient();
        AcmeTestClient bob = accountClient();
        JsonObject order = newOrder(alice, SPC_1234_TEXT).bodyAsJsonObject();
        String authzUrl = order.getJsonArray("authorizations").getString(0);
        // RFC 8555 §7.1: resources are visible only to their own account.
        assertProblem(bob.post(server.url("/order/") + orderId(order), ""), 403,
                "unauthorized");
        assertProblem(bob.post(authzUrl, ""), 403, "unauthorized");
        assertProblem(bob.post(challengeUrl(alice, authzUrl),
                new JsonObject().put("atc", "x.y.z")), 403, "unauthorized");
    }

    @Test
    void authz_deactivate_invalidatesTheOrder() {
        AcmeTestClient client = accountClient();
        JsonObject order = newOrder(client, SPC_1234_TEXT).bodyAsJsonObject();
        String authzUrl = order.getJsonArray("authorizations").getString(0);
        int told = server.activity.size();
        HttpResponse<Buffer> response = client.post(authzUrl,
                new JsonObject().put("status", "deactivated"));
        // RFC 8555 §7.5.2: client deactivation of an authorization.
        assertEquals(200, response.statusCode(), response.bodyAsString());
        assertEquals("deactivated", response.bodyAsJsonObject().getString("status"));
        assertEquals("invalid", client.post(server.url("/order/") + orderId(order), "")
                .bodyAsJsonObject().getString("status"));
        // the order reached a final status, and the outcome counters hear of it once
        assertEquals(List.of("orderFinished INVALID"), server.activitySince(told));
        assertProblem(client.post(authzUrl, new JsonObject().put("status", "deactivated")),
                400, "malformed");
        assertEquals(List.of("orderFinished INVALID"), server.activitySince(told));
    }

    @Test
    void unknownIds_are404Malformed() {
        AcmeTestClient client = accountClient();
        assertProblem(client.post(server.url("/order/nope"), ""), 404, "malformed");
        assertProblem(client.post(server.url("/authz/nope"), ""), 404, "malformed");
        assertProblem(client.post(server.url("/chall/nope"), ""), 404, "malformed");
        assertProblem(client.post(server.url("/cert/nope"), ""), 404, "malformed");
    }

    @Test
    void postOnlyResources_get_is405() {
        for (String path : List.of("/new-account", "/new-order", "/order/x", "/authz/x",
                "/chall/x", "/cert/x", "/revoke-cert", "/key-change")) {
            HttpResponse<Buffer> response = get(path);
            // RFC 8555 §6.3: only the directory and newNonce take GET.
            JsonObject problem = assertProblem(response, 405, "malformed");
            assertNotNull(problem.getString("detail"));
            assertEquals("POST", response.getHeader("Allow"));
            assertIndexLink(response);
        }
    }

    @Test
    void post_bodyOverLimit_is413MalformedWithNonce() {
        AcmeTestClient client = new AcmeTestClient(server);
        HttpResponse<Buffer> response = client.raw(server.url("/new-order"),
                AcmeTestClient.JOSE_JSON, "{\"x\":\"" + "a".repeat(32 * 1024) + "\"}");
        assertProblem(response, 413, "malformed");
        assertNotNull(response.getHeader("Replay-Nonce"));
    }

    @Test
    void post_wrongContentType_is415() {
        AcmeTestClient client = accountClient();
        HttpResponse<Buffer> response = client.raw(server.url("/new-order"),
                "application/json", client.signedBody(server.url("/new-order"),
                        orderPayload(SPC_1234_TEXT).encode()).encode());
        // RFC 8555 §6.2: anything but application/jose+json → 415.
        assertProblem(response, 415, "malformed");
        assertNotNull(response.getHeader("Replay-Nonce"));
    }

    @Test
    void revokeCert_byCertificateKeyAndByStranger_andBadReason() throws Exception {
        AcmeTestClient client = accountClient();
        JsonObject order = readyOrder(client);
        KeyPair certKey = TestPki.p256();
        JsonObject done = client.post(order.getString("finalize"), new JsonObject()
                .put("csr", AcmeTestClient.b64(TestPki.csr(certKey, SPC_1234))))
                .bodyAsJsonObject();
        X509Certificate ee = parseChain(client.post(done.getString("certificate"), "")
                .bodyAsString()).get(0);
        String der = AcmeTestClient.b64(ee.getEncoded());

        // RFC 8555 §7.6 / STANDARDS.md §5.2.15: reason 7 is not allowed.
        assertProblem(client.post(server.url("/revoke-cert"), new JsonObject()
                .put("certificate", der).put("reason", 7)), 400, "badRevocationReason");
        // RFC 8555 §7.6: another account may not revoke it.
        assertProblem(accountClient().post(server.url("/revoke-cert"), new JsonObject()
                .put("certificate", der)), 403, "unauthorized");
        // RFC 8555 §7.6: a jwk that is not the certificate's key may not revoke it.
        AcmeTestClient stranger = new AcmeTestClient(server);
        assertProblem(stranger.postJwk(server.url("/revoke-cert"), new JsonObject()
                .put("certificate", der).encode()), 403, "unauthorized");

        com.nimbusds.jose.jwk.ECKey certJwk = new com.nimbusds.jose.jwk.ECKey.Builder(
                com.nimbusds.jose.jwk.Curve.P_256,
                (java.security.interfaces.ECPublicKey) certKey.getPublic())
                .privateKey(certKey.getPrivate()).build();
        HttpResponse<Buffer> byKey = stranger.postJwk(server.url("/revoke-cert"),
                new JsonObject().put("certificate", der).put("reason", 1).encode(), certJwk);
        assertEquals(200, byKey.statusCode(), byKey.bodyAsString());
        assertEquals(Optional.empty(), server.ca.revoked().get(server.ca.revoked().size() - 1)
                .requestingAccount());
    }

    @Test
    void revokeCert_byAccountHoldingAuthorizations_isAccepted() throws Exception {
        AcmeTestClient owner = accountClient();
        JsonObject order = readyOrder(owner);
        JsonObject done = owner.post(order.getString("finalize"), new JsonObject()
                .put("csr", AcmeTestClient.b64(TestPki.csr(TestPki.p256(), SPC_1234))))
                .bodyAsJsonObject();
        X509Certificate ee = parseChain(owner.post(done.getString("certificate"), "")
                .bodyAsString()).get(0);
        String der = AcmeTestClient.b64(ee.getEncoded());

        // RFC 8555 §7.6: an account without authorizations for the identifier is refused ...
        assertProblem(accountClient().post(server.url("/revoke-cert"), new JsonObject()
                .put("certificate", der)), 403, "unauthorized");
        // ... but one holding a valid authorization for every identifier in it MUST be accepted.
        AcmeTestClient authorized = accountClient();
        readyOrder(authorized);
        HttpResponse<Buffer> revoked = authorized.post(server.url("/revoke-cert"),
                new JsonObject().put("certificate", der).put("reason", 4));
        assertEquals(200, revoked.statusCode(), revoked.bodyAsString());
        var request = server.ca.revoked().get(server.ca.revoked().size() - 1);
        assertTrue(request.accountHoldsAuthorizations());
        assertTrue(request.requestingAccount().isPresent());
    }

    private AcmeTestClient accountClient() {
        AcmeTestClient client = new AcmeTestClient(server);
        assertEquals(201, client.newAccount().statusCode());
        return client;
    }

    private JsonObject readyOrder(AcmeTestClient client) {
        JsonObject order = newOrder(client, SPC_1234_TEXT).bodyAsJsonObject();
        String challengeUrl = challengeUrl(client,
                order.getJsonArray("authorizations").getString(0));
        assertEquals("valid", client.post(challengeUrl, new JsonObject().put("atc", "t.o.k"))
                .bodyAsJsonObject().getString("status"));
        return order;
    }

    private static HttpResponse<Buffer> newOrder(AcmeTestClient client, String value) {
        return client.post(server.url("/new-order"), orderPayload(value));
    }

    private static JsonObject orderPayload(String value) {
        return new JsonObject().put("identifiers", new JsonArray().add(
                new JsonObject().put("type", "TNAuthList").put("value", value)));
    }

    private static HttpResponse<Buffer> finalizeWith(AcmeTestClient client, JsonObject order,
                                                     byte[] tnAuthList) {
        return client.post(order.getString("finalize"), new JsonObject().put("csr",
                AcmeTestClient.b64(TestPki.csr(TestPki.p256(), tnAuthList))));
    }

    private static String challengeUrl(AcmeTestClient client, String authzUrl) {
        return client.post(authzUrl, "").bodyAsJsonObject().getJsonArray("challenges")
                .getJsonObject(0).getString("url");
    }

    private static long orderCount() throws Exception {
        return Await.result(server.pool.query("SELECT count(*) FROM acme_order").execute())
                .iterator().next().getLong(0);
    }

    private static String orderUrl(JsonObject order) {
        return server.url("/order/" + orderId(order));
    }

    private static String orderId(JsonObject order) {
        String finalizeUrl = order.getString("finalize");
        String prefix = server.url("/order/");
        return finalizeUrl.substring(prefix.length(), finalizeUrl.length() - "/finalize".length());
    }

    private static void assertIndexLink(HttpResponse<Buffer> response) {
        assertTrue(response.headers().getAll("Link")
                .contains("<" + server.url("/directory") + ">;rel=\"index\""),
                String.valueOf(response.headers().getAll("Link")));
    }

    private static List<X509Certificate> parseChain(String pem) throws Exception {
        List<X509Certificate> chain = new ArrayList<>();
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        factory.generateCertificates(new ByteArrayInputStream(
                pem.getBytes(StandardCharsets.US_ASCII))).forEach(c -> chain.add(
                        (X509Certificate) c));
        return chain;
    }

    private static HttpResponse<Buffer> get(String path) {
        return await(web().getAbs(server.url(path)).send());
    }

    private static io.vertx.ext.web.client.WebClient web() {
        return io.vertx.ext.web.client.WebClient.create(server.vertx);
    }

    private static <T> T await(io.vertx.core.Future<T> future) {
        return org.stica.acme.support.Await.result(future);
    }
}
