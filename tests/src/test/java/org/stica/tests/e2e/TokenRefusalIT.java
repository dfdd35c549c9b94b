package org.stica.tests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.stica.tests.support.Carrier;
import org.stica.tests.support.StiCaHarness;
import org.stica.tests.support.TestStiPa;
import org.stica.server.demo.TnAuthCsr;
import org.stica.server.demo.TkAuthChallenge;

/**
 * SPC tokens that must be refused (RFC 9448 §6, STANDARDS.md §3.5): each answer leaves the
 * challenge, authorization and order invalid with a problem document, finalize is refused, and
 * no certificate row exists afterwards.
 */
class TokenRefusalIT {
    private static final String ACME = "urn:ietf:params:acme:error:";
    private static StiCaHarness h;

    @BeforeAll
    static void start() throws Exception {
        h = StiCaHarness.start();
    }

    @AfterEach
    void noCertificateWasIssued() throws Exception {
        assertEquals(0, h.count("FROM certificate"), "no certificate row may exist after a refusal");
    }

    @AfterAll
    static void stop() throws Exception {
        StiCaHarness.closeChecked(h);
    }

    @Test
    void challenge_tokenSignedByUntrustedPa_isRefused() throws Exception {
        // RFC 9448 §6 step 2: the signer must chain to a trusted STI-PA root
        Carrier c = Carrier.register(h.directoryUrl());
        byte[] der = Carrier.spcDer("1234");
        Order order = c.order(Carrier.base64Url(der));
        String token = h.pa.mintUntrusted(TestStiPa.claims(Carrier.base64Url(der), c.spkiFingerprint()));
        assertRefused(c, order, token, "unauthorized");
    }

    @Test
    void challenge_expiredToken_isRefused() throws Exception {
        // RFC 9448 §6 step 7: exp must be in the future
        Carrier c = Carrier.register(h.directoryUrl());
        byte[] der = Carrier.spcDer("1234");
        Order order = c.order(Carrier.base64Url(der));
        String token = h.pa.mint(TestStiPa.claims(Carrier.base64Url(der), c.spkiFingerprint())
                .withExpires(Instant.now().minus(Duration.ofHours(1))));
        assertRefused(c, order, token, "unauthorized");
    }

    @Test
    void challenge_fingerprintOfAnotherAccount_isRefused() throws Exception {
        // RFC 9448 §6 step 8: the fingerprint must be the requesting account's key
        Carrier c = Carrier.register(h.directoryUrl());
        Carrier other = Carrier.register(h.directoryUrl());
        byte[] der = Carrier.spcDer("1234");
        Order order = c.order(Carrier.base64Url(der));
        String token = h.pa.mint(TestStiPa.claims(Carrier.base64Url(der), other.spkiFingerprint()));
        assertRefused(c, order, token, "unauthorized");
    }

    @Test
    void challenge_tokenForAnotherSpc_isRefused() throws Exception {
        // RFC 9448 §6 step 6: tkvalue must equal the identifier (compared as DER)
        Carrier c = Carrier.register(h.directoryUrl());
        byte[] der = Carrier.spcDer("1234");
        Order order = c.order(Carrier.base64Url(der));
        String token = h.pa.mint(TestStiPa.claims(Carrier.base64Url(Carrier.spcDer("5678")),
                c.spkiFingerprint()));
        assertRefused(c, order, token, "incorrectResponse");
    }

    @Test
    void challenge_jtiReplayedByAnotherAccount_isRefused() throws Exception {
        // RFC 9447 §3.3: the same account may reuse a token; a jti seen from another account is refused
        byte[] der = Carrier.spcDer("9999");
        Carrier first = Carrier.register(h.directoryUrl());
        TestStiPa.Claims claims = TestStiPa.claims(Carrier.base64Url(der), first.spkiFingerprint());
        String token = h.pa.mint(claims);
        TkAuthChallenge ok = first.answer(first.order(Carrier.base64Url(der)), "atc", token);
        assertEquals(Status.VALID, ok.getStatus(), () -> "first use: " + ok.getError());
        TkAuthChallenge reuse = first.answer(first.order(Carrier.base64Url(der)), "atc", token);
        assertEquals(Status.VALID, reuse.getStatus(), () -> "same-account reuse: " + reuse.getError());

        Carrier second = Carrier.register(h.directoryUrl());
        Order order = second.order(Carrier.base64Url(der));
        String replay = h.pa.mint(claims.withFingerprint(second.spkiFingerprint()));
        assertRefused(second, order, replay, "unauthorized");
    }

    private static void assertRefused(Carrier c, Order order, String token, String problem) throws Exception {
        TkAuthChallenge challenge = c.answer(order, "atc", token);
        assertEquals(Status.INVALID, challenge.getStatus());
        Problem error = challenge.getError().orElseThrow(() -> new AssertionError("no problem document"));
        assertEquals(ACME + problem, error.getType().toString(), error.toString());
        assertTrue(error.getDetail().filter(d -> !d.isBlank()).isPresent(), "problem has a detail");
        order.fetch();
        assertEquals(Status.INVALID, order.getStatus());
        AcmeServerException refused = assertThrows(AcmeServerException.class,
                () -> order.execute(TnAuthCsr.build(TestStiPa.ecKey(), Carrier.spcDer("1234"))));
        assertTrue(refused.getProblem().getType().toString().startsWith(ACME), refused.getMessage());
    }
}
