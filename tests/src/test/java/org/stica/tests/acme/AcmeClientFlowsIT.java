package org.stica.tests.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.RenewalInfo;
import org.shredzone.acme4j.RevocationReason;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.stica.server.demo.TnAuthCsr;
import org.stica.tests.support.Carrier;
import org.stica.tests.support.StiCaHarness;
import org.stica.tests.support.TestStiPa;

/**
 * Full acme4j flows against the real server: key change (RFC 8555 §7.3.5), deactivation
 * (§7.3.6), revocation by account and by certificate key with reason codes (§7.6), ARI
 * (RFC 9773), profiles (draft-ietf-acme-profiles) and the paged orders list (§7.1.2.1).
 */
class AcmeClientFlowsIT {
    private static final byte[] SPC = Carrier.spcDer("1234");
    private static StiCaHarness h;

    @BeforeAll
    static void start() throws Exception {
        h = StiCaHarness.start(Map.of("STICA_ACME_ORDERS_PAGE_SIZE", "2",
                "STICA_ACME_SHORT_LIVED_DAYS", "3"));
    }

    @AfterAll
    static void stop() throws Exception {
        StiCaHarness.closeChecked(h);
    }

    @Test
    void keyChange_acme4j_newKeyOrdersOldKeyRefused() throws Exception {
        Carrier carrier = Carrier.register(h.directoryUrl());
        KeyPair newKey = TestStiPa.ecKey();
        carrier.account.changeKey(newKey);
        Session session = new Session(h.directoryUrl());
        Login rolled = session.login(carrier.account.getLocation(), newKey);
        Order order = rolled.getAccount().newOrder()
                .identifier(new Identifier("TNAuthList", Carrier.base64Url(SPC))).create();
        assertEquals(Status.PENDING, order.getStatus());
        // RFC 8555 §7.3.5: the old key no longer authenticates the account
        Login old = session.login(carrier.account.getLocation(), carrier.accountKey);
        assertThrows(AcmeException.class, () -> old.getAccount().fetch());
    }

    @Test
    void deactivate_acme4j_accountRefusesFurtherRequests() throws Exception {
        Carrier carrier = Carrier.register(h.directoryUrl());
        carrier.account.deactivate();
        assertEquals(Status.DEACTIVATED, carrier.account.getStatus());
        // RFC 8555 §7.3.6: a deactivated account is refused with unauthorized
        AcmeServerException refused = assertThrows(AcmeServerException.class,
                () -> carrier.order(Carrier.base64Url(SPC)));
        assertEquals("urn:ietf:params:acme:error:unauthorized", refused.getType().toString());
    }

    @Test
    void accountUpdateAndAuthzDeactivation_acme4j_orderBecomesInvalid() throws Exception {
        Carrier carrier = Carrier.register(h.directoryUrl());
        // RFC 8555 §7.3.2: the account's contact can be updated
        carrier.account.modify().addContact("mailto:noc@carrier.example").commit();
        assertTrue(carrier.account.getContacts().stream()
                .anyMatch(c -> c.toString().equals("mailto:noc@carrier.example")));
        Order order = carrier.order(Carrier.base64Url(SPC));
        var authz = order.getAuthorizations().get(0);
        // RFC 8555 §7.5.2: a pending authorization can be deactivated ...
        authz.deactivate();
        assertEquals(Status.DEACTIVATED, authz.getStatus());
        // ... and its order can no longer succeed (§7.1.6)
        order.fetch();
        assertEquals(Status.INVALID, order.getStatus());
    }

    @Test
    void revoke_byAccountWithReason_thenAlreadyRevokedAndAriRenewNow() throws Exception {
        Carrier carrier = Carrier.register(h.directoryUrl());
        Certificate cert = enroll(carrier, TestStiPa.ecKey(), null);
        // RFC 9773 §4.2: before revocation the window lies ahead
        RenewalInfo before = cert.getRenewalInfo();
        assertTrue(before.getSuggestedWindowEnd().isAfter(before.getSuggestedWindowStart()));
        assertTrue(before.getSuggestedWindowStart().isAfter(Instant.now()));

        // RFC 8555 §7.6 / RFC 5280 §5.3.1: cACompromise is not a reason a subscriber may give
        AcmeServerException bad = assertThrows(AcmeServerException.class,
                () -> cert.revoke(RevocationReason.CA_COMPROMISE));
        assertEquals("urn:ietf:params:acme:error:badRevocationReason", bad.getType().toString());
        cert.revoke(RevocationReason.KEY_COMPROMISE);
        // RFC 8555 §7.6: revoking again → alreadyRevoked
        AcmeServerException again = assertThrows(AcmeServerException.class,
                () -> cert.revoke(RevocationReason.KEY_COMPROMISE));
        assertEquals("urn:ietf:params:acme:error:alreadyRevoked", again.getType().toString());

        // STANDARDS.md §5.3.6: a revoked certificate gets a window that is open now
        RenewalInfo after = new Session(h.directoryUrl())
                .login(carrier.account.getLocation(), carrier.accountKey)
                .bindRenewalInfo(cert.getCertificate());
        after.fetch();
        Instant now = Instant.now();
        assertFalse(after.getSuggestedWindowStart().isAfter(now));
        assertTrue(after.getSuggestedWindowEnd().isAfter(now));
    }

    @Test
    void revoke_byCertificateKey_acme4jStaticRevoke() throws Exception {
        Carrier carrier = Carrier.register(h.directoryUrl());
        KeyPair certKey = TestStiPa.ecKey();
        Certificate cert = enroll(carrier, certKey, null);
        // RFC 8555 §7.6: a request signed with the certificate's own key (jwk) may revoke it
        Certificate.revoke(new Session(h.directoryUrl()), certKey, cert.getCertificate(),
                RevocationReason.SUPERSEDED);
        AcmeServerException again = assertThrows(AcmeServerException.class,
                () -> Certificate.revoke(new Session(h.directoryUrl()), certKey,
                        cert.getCertificate(), RevocationReason.SUPERSEDED));
        assertEquals("urn:ietf:params:acme:error:alreadyRevoked", again.getType().toString());
    }

    @Test
    void ari_replaces_acceptedOnceThenAlreadyReplaced() throws Exception {
        Carrier carrier = Carrier.register(h.directoryUrl());
        Certificate cert = enroll(carrier, TestStiPa.ecKey(), null);
        assertTrue(cert.hasRenewalInfo(), "directory advertises renewalInfo (RFC 9773 §3)");
        Order replacement = carrier.account.newOrder()
                .identifier(new Identifier("TNAuthList", Carrier.base64Url(SPC)))
                .replaces(cert).create();
        assertTrue(replacement.getJSON().contains("replaces"));
        // RFC 9773 §5: a certificate is replaced at most once → 409 alreadyReplaced
        AcmeServerException twice = assertThrows(AcmeServerException.class,
                () -> carrier.account.newOrder()
                        .identifier(new Identifier("TNAuthList", Carrier.base64Url(SPC)))
                        .replaces(cert).create());
        assertEquals("urn:ietf:params:acme:error:alreadyReplaced", twice.getType().toString());
    }

    @Test
    void profile_shortLived_issuesCertificateOfConfiguredDays() throws Exception {
        Carrier carrier = Carrier.register(h.directoryUrl());
        var metadata = new Session(h.directoryUrl()).getMetadata();
        assertTrue(metadata.getProfiles().containsAll(List.of("shaken", "shaken-shortlived")));
        Certificate cert = enroll(carrier, TestStiPa.ecKey(), "shaken-shortlived");
        X509Certificate leaf = cert.getCertificate();
        Duration validity = Duration.between(leaf.getNotBefore().toInstant(),
                leaf.getNotAfter().toInstant());
        assertTrue(validity.compareTo(Duration.ofDays(3).plusHours(2)) < 0
                && validity.compareTo(Duration.ofDays(3).minusHours(1)) > 0, validity::toString);
    }

    @Test
    void ordersList_threeOrdersPageSizeTwo_acme4jFollowsNext() throws Exception {
        Carrier carrier = Carrier.register(h.directoryUrl());
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(carrier.order(Carrier.base64Url(SPC)).getLocation().toString());
        }
        List<String> listed = new ArrayList<>();
        for (Iterator<Order> it = carrier.account.getOrders(); it.hasNext(); ) {
            listed.add(it.next().getLocation().toString());
        }
        // RFC 8555 §7.1.2.1: all orders, across pages linked with rel="next"
        assertEquals(created, listed);
    }

    private static Certificate enroll(Carrier carrier, KeyPair certKey, String profile)
            throws Exception {
        var builder = carrier.account.newOrder()
                .identifier(new Identifier("TNAuthList", Carrier.base64Url(SPC)));
        if (profile != null) {
            builder.profile(profile);
        }
        Order order = builder.create();
        var challenge = carrier.answer(order, "atc", h.pa.mint(TestStiPa.claims(
                Carrier.base64Padded(SPC), carrier.spkiFingerprint())));
        assertEquals(Status.VALID, challenge.getStatus());
        assertEquals(Status.READY, order.waitUntilReady(Duration.ofSeconds(15)));
        order.execute(TnAuthCsr.build(certKey, SPC));
        assertEquals(Status.VALID, order.waitForCompletion(Duration.ofSeconds(30)));
        return order.getCertificate();
    }
}
