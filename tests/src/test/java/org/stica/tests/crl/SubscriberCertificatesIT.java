package org.stica.tests.crl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stica.tests.crl.CrlFixtures.admin;
import static org.stica.tests.crl.CrlFixtures.enroll;
import static org.stica.tests.crl.CrlFixtures.opensslVerify;
import static org.stica.tests.crl.CrlFixtures.pem;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.stica.tests.crl.CrlFixtures.Enrolled;
import org.stica.tests.support.Carrier;
import org.stica.tests.support.OpenSsl;
import org.stica.tests.support.StiCaHarness;
import org.stica.tests.support.TestStiPa;

/**
 * Issue 15 end to end with acme4j: each certificate names its own subscriber (ATIS-1000080
 * §6.4.1, STANDARDS.md §1.1 item 5: O the legal name, C the country), read back by openssl; an
 * account bound to one subscriber cannot order another's SPC; an SPC no active subscriber holds
 * is refused; terminating a subscriber revokes its certificates (privilegeWithdrawn) and the
 * CRL says so to openssl; the subscriber's webhook hears of the issuance and the revocation
 * with a valid signature.
 */
class SubscriberCertificatesIT {
    private static final String TRICKY = "Télécom \"Nord\", Inc. + Co";
    private static StiCaHarness h;
    private static HttpServer receiver;
    private static final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    private record Delivery(MultiMap headers, String body) {
    }

    @BeforeAll
    static void start() throws Exception {
        h = StiCaHarness.start(Map.of("STICA_NOTIFY_ALLOW_HTTP_LOOPBACK", "true",
                "STICA_NOTIFY_DISPATCH_INTERVAL_MILLIS", "200"));
        receiver = h.vertx.createHttpServer().requestHandler(request -> request.body()
                .onSuccess(body -> {
                    deliveries.add(new Delivery(request.headers(), body.toString()));
                    request.response().setStatusCode(204).end();
                })).listen(0, "127.0.0.1").await();
    }

    @AfterAll
    static void stop() throws Exception {
        if (receiver != null) {
            receiver.close().await();
        }
        StiCaHarness.closeChecked(h);
    }

    @Test
    void certificates_nameTheirSubscriber_andTheRegistryDecidesWhoMayOrder() throws Exception {
        String a = create(new JsonObject().put("legalName", TRICKY).put("country", "FR")
                .put("spcs", List.of("8101")));
        String b = create(new JsonObject().put("legalName", "Carrier B LLC").put("country", "US")
                .put("state", "NJ").put("locality", "Bridgewater").put("spcs", List.of("8102")));
        String secret = webhook(a);

        Enrolled fromA = enroll(h, "8101");
        Enrolled fromB = enroll(h, "8102");

        // decoded independently: openssl reads O, C (and ST, L) of each carrier's own record
        String subjectA = subject(fromA);
        assertTrue(subjectA.contains("countryName               = FR"), subjectA);
        assertTrue(subjectA.contains("organizationName          = " + TRICKY), subjectA);
        assertTrue(subjectA.contains("commonName                = SHAKEN 8101"), subjectA);
        String subjectB = subject(fromB);
        assertTrue(subjectB.contains("organizationName          = Carrier B LLC"), subjectB);
        assertTrue(subjectB.contains("stateOrProvinceName       = NJ"), subjectB);
        assertTrue(subjectB.contains("localityName              = Bridgewater"), subjectB);

        // an account bound through EAB to subscriber A may order A's SPCs only
        Account boundToA = boundAccount(a);
        boundToA.newOrder().identifier(tnAuthList("8101")).create();
        assertRefused(() -> boundToA.newOrder().identifier(tnAuthList("8102")).create(),
                "does not hold SPC '8102'");
        // an SPC no subscriber holds, and a suspended subscriber's SPC, are refused
        Carrier carrier = Carrier.register(h.directoryUrl());
        assertRefused(() -> carrier.order(Carrier.base64Url(Carrier.spcDer("8199"))),
                "no subscriber");
        assertEquals(200, admin(h, "POST", "/admin/v1/subscribers/" + b + "/suspend", null)
                .statusCode());
        assertRefused(() -> carrier.order(Carrier.base64Url(Carrier.spcDer("8102"))),
                "suspended");

        // terminating A revokes its certificate (privilegeWithdrawn) and the CRL lists it
        assertEquals(0, opensslVerify(h, fromA, false).exitCode());
        HttpResponse<String> terminated = admin(h, "POST", "/admin/v1/subscribers/" + a
                + "/terminate", null);
        assertEquals(200, terminated.statusCode(), terminated.body());
        OpenSsl.Result revoked = opensslVerify(h, fromA, false);
        assertNotEquals(0, revoked.exitCode(), revoked.output());
        assertTrue(revoked.output().contains("certificate revoked"), revoked.output());
        assertEquals(0, opensslVerify(h, fromB, false).exitCode(), "B's stays valid");

        // A's webhook heard of the issuance and of the revocation, each signed with its secret
        String serialA = fromA.serial().toString(16);
        Delivery issued = awaitDelivery("certificate.issued", serialA);
        Delivery revokedNotice = awaitDelivery("certificate.revoked", serialA);
        assertSigned(issued, secret);
        assertSigned(revokedNotice, secret);
        assertEquals(9, new JsonObject(revokedNotice.body()).getJsonObject("data")
                .getInteger("reasonCode"));
    }

    private static String create(JsonObject subscriber) throws Exception {
        HttpResponse<String> created = admin(h, "POST", "/admin/v1/subscribers",
                subscriber.encode());
        assertEquals(201, created.statusCode(), created.body());
        return new JsonObject(created.body()).getString("id");
    }

    private static String webhook(String subscriber) throws Exception {
        HttpResponse<String> put = admin(h, "PUT", "/admin/v1/subscribers/" + subscriber
                + "/webhook", new JsonObject().put("url", "http://127.0.0.1:"
                + receiver.actualPort() + "/hooks").encode());
        assertEquals(201, put.statusCode(), put.body());
        return new JsonObject(put.body()).getString("secret");
    }

    private static Account boundAccount(String subscriber) throws Exception {
        HttpResponse<String> key = admin(h, "POST", "/admin/v1/subscribers/" + subscriber
                + "/eab-keys", null);
        assertEquals(201, key.statusCode(), key.body());
        JsonObject json = new JsonObject(key.body());
        return new AccountBuilder().agreeToTermsOfService()
                .withKeyIdentifier(json.getString("kid"), json.getString("hmacKey"))
                .useKeyPair(TestStiPa.ecKey()).create(new Session(h.directoryUrl()));
    }

    private static Identifier tnAuthList(String spc) {
        return new Identifier("TNAuthList", Carrier.base64Url(Carrier.spcDer(spc)));
    }

    private static void assertRefused(org.junit.jupiter.api.function.Executable order,
                                      String why) {
        AcmeServerException e = assertThrows(AcmeServerException.class, order);
        assertEquals("urn:ietf:params:acme:error:rejectedIdentifier", e.getType().toString());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    private static String subject(Enrolled enrolled) throws Exception {
        Path leaf = Files.createTempFile("stica-subject", ".pem");
        Files.writeString(leaf, pem(enrolled.leaf()));
        OpenSsl.Result text = OpenSsl.run(List.of("openssl", "x509", "-noout", "-subject",
                "-nameopt", "multiline,utf8,-esc_msb", "-in", leaf.toString()));
        assertEquals(0, text.exitCode(), text.output());
        return text.output();
    }

    private static Delivery awaitDelivery(String type, String serial) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (Delivery d : deliveries) {
                JsonObject body = new JsonObject(d.body());
                if (type.equals(body.getString("type"))
                        && serial.equals(body.getJsonObject("data").getString("serial"))) {
                    return d;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + type + " webhook for " + serial + " in " + deliveries);
    }

    /** X-STICA-Signature = sha256=hex(HMAC-SHA256(secret, timestamp + "." + body)). */
    private static void assertSigned(Delivery delivery, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signed = delivery.headers().get("X-STICA-Timestamp") + "." + delivery.body();
        assertEquals("sha256=" + HexFormat.of().formatHex(mac.doFinal(
                signed.getBytes(StandardCharsets.UTF_8))),
                delivery.headers().get("X-STICA-Signature"));
    }
}
