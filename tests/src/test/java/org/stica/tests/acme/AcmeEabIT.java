package org.stica.tests.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.stica.tests.support.Carrier;
import org.stica.tests.support.StiCaHarness;
import org.stica.tests.support.TestStiPa;

/**
 * External account binding end to end (RFC 8555 §7.3.4, STANDARDS.md §5.2.8): the server requires
 * it ({@code STICA_ACME_EAB_REQUIRED=true}), keys come from the admin API and are single use, and
 * acme4j binds accounts with them.
 */
class AcmeEabIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static StiCaHarness h;

    @BeforeAll
    static void start() throws Exception {
        h = StiCaHarness.start(Map.of("STICA_ACME_EAB_REQUIRED", "true"));
    }

    @AfterAll
    static void stop() throws Exception {
        StiCaHarness.closeChecked(h);
    }

    @Test
    void newAccount_withAdminCreatedKey_bindsOnceAndOrdersOwnSpcOnly() throws Exception {
        Session session = new Session(h.directoryUrl());
        // RFC 8555 §7.1.1: the directory says EAB is required
        assertTrue(session.getMetadata().isExternalAccountRequired());
        JsonObject key = createKey("1234", h.adminToken());
        Account account = new AccountBuilder().agreeToTermsOfService()
                .withKeyIdentifier(key.getString("kid"), key.getString("hmacKey"))
                .useKeyPair(TestStiPa.ecKey()).create(session);
        assertTrue(account.getLocation() != null);
        account.newOrder().identifier(new Identifier("TNAuthList",
                Carrier.base64Url(Carrier.spcDer("1234")))).create();
        // STANDARDS.md §3.5.14: an account bound to SP 1234 may not order another SPC
        AcmeServerException other = assertThrows(AcmeServerException.class,
                () -> account.newOrder().identifier(new Identifier("TNAuthList",
                        Carrier.base64Url(Carrier.spcDer("5678")))).create());
        assertEquals("urn:ietf:params:acme:error:rejectedIdentifier", other.getType().toString());

        // RFC 8555 §7.3.4 / STANDARDS.md §5.2.8: the key is single use
        AcmeServerException reused = assertThrows(AcmeServerException.class,
                () -> new AccountBuilder().agreeToTermsOfService()
                        .withKeyIdentifier(key.getString("kid"), key.getString("hmacKey"))
                        .useKeyPair(TestStiPa.ecKey()).create(new Session(h.directoryUrl())));
        assertEquals("urn:ietf:params:acme:error:unauthorized", reused.getType().toString());
        assertEquals(1, h.count("FROM acme_account WHERE eab_kid = '"
                + key.getString("kid").replace("'", "") + "' AND eab_label = '1234'"));
    }

    @Test
    void newAccount_withoutBinding_isExternalAccountRequired() throws Exception {
        AcmeServerException refused = assertThrows(AcmeServerException.class,
                () -> Carrier.register(h.directoryUrl()));
        assertEquals("urn:ietf:params:acme:error:externalAccountRequired",
                refused.getType().toString());
    }

    @Test
    void adminEabKeys_withoutTokenOrBadSpc_isRefused() throws Exception {
        assertEquals(401, post("/admin/v1/service-providers/1234/eab-keys", "wrong").statusCode());
        assertEquals(400, post("/admin/v1/service-providers/not-an-spc/eab-keys",
                h.adminToken()).statusCode());
    }

    private static JsonObject createKey(String spc, String token) throws Exception {
        HttpResponse<String> r = post("/admin/v1/service-providers/" + spc + "/eab-keys", token);
        assertEquals(201, r.statusCode(), r.body());
        JsonObject key = new JsonObject(r.body());
        assertTrue(key.getString("hmacKey").matches("[A-Za-z0-9_-]{43}"), key.encode());
        return key;
    }

    private static HttpResponse<String> post(String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(h.adminUrl() + path))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
